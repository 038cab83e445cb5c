package io.groundstation.bench.baseline;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFHostProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;

/** Echoes every reported process with a fresh id; keeps nothing. */
final class BaselineProcessService extends EBPFProcessServiceGrpc.EBPFProcessServiceImplBase {

    private final AtomicLong nextId = new AtomicLong();

    @Override
    public void reportProcesses(EBPFProcessReportList request,
                                StreamObserver<EBPFReportProcessDownstream> responseObserver) {
        EBPFReportProcessDownstream.Builder reply = EBPFReportProcessDownstream.newBuilder();
        for (EBPFProcessProperties process : request.getProcessesList()) {
            EBPFProcessDownstream.Builder entry =
                    EBPFProcessDownstream.newBuilder().setProcessId(Long.toHexString(nextId.incrementAndGet()));
            switch (process.getMetadataCase()) {
                case K8SPROCESS -> entry.setK8SProcess(EBPFKubernetesProcessDownstream.newBuilder()
                        .setPid(process.getK8SProcess().getPid())
                        .setEntityMetadata(process.getK8SProcess().getEntity()));
                case HOSTPROCESS -> entry.setHostProcess(EBPFHostProcessDownstream.newBuilder()
                        .setPid(process.getHostProcess().getPid())
                        .setEntityMetadata(process.getHostProcess().getEntity()));
                case METADATA_NOT_SET -> {
                    continue;
                }
            }
            reply.addProcesses(entry);
        }
        responseObserver.onNext(reply.build());
        responseObserver.onCompleted();
    }

    @Override
    public void keepAlive(EBPFProcessPingPkgList request, StreamObserver<Commands> responseObserver) {
        responseObserver.onNext(Commands.getDefaultInstance());
        responseObserver.onCompleted();
    }
}
