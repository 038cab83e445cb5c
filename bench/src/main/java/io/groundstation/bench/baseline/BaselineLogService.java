package io.groundstation.bench.baseline;

import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.logging.v3.LogData;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;

/** Drains the sampled-trace logs NETWORK tasks send. */
final class BaselineLogService extends LogReportServiceGrpc.LogReportServiceImplBase {

    @Override
    public StreamObserver<LogData> collect(StreamObserver<Commands> responseObserver) {
        return new DrainingStream<>(responseObserver);
    }
}
