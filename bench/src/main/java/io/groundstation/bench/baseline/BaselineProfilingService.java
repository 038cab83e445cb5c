package io.groundstation.bench.baseline;

import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;

/** No fixed-time tasks ever; uploads are drained. */
final class BaselineProfilingService extends EBPFProfilingServiceGrpc.EBPFProfilingServiceImplBase {

    @Override
    public void queryTasks(EBPFProfilingTaskQuery request, StreamObserver<Commands> responseObserver) {
        responseObserver.onNext(Commands.getDefaultInstance());
        responseObserver.onCompleted();
    }

    @Override
    public StreamObserver<EBPFProfilingData> collectProfilingData(StreamObserver<Commands> responseObserver) {
        return new DrainingStream<>(responseObserver);
    }
}
