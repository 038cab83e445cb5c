package io.groundstation.bench.baseline;

import io.groundstation.bench.reply.RoverCommands.ReportTask;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.skywalking.apm.network.common.v3.Command;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;

/** No policies ever; every trigger report gets its own task id. */
final class BaselineContinuousProfilingService
        extends ContinuousProfilingServiceGrpc.ContinuousProfilingServiceImplBase {

    // unique across restarts of the baseline too, so a long-lived agent never sees a repeated id
    private final String idPrefix = Long.toHexString(System.currentTimeMillis()) + "-";
    private final AtomicLong nextTask = new AtomicLong();

    @Override
    public void queryPolicies(ContinuousProfilingPolicyQuery request, StreamObserver<Commands> responseObserver) {
        responseObserver.onNext(Commands.getDefaultInstance());
        responseObserver.onCompleted();
    }

    @Override
    public void reportProfilingTask(ContinuousProfilingReport request, StreamObserver<Commands> responseObserver) {
        Command task = Command.newBuilder()
                .setCommand(ReportTask.NAME)
                .addArgs(KeyStringValuePair.newBuilder()
                        .setKey(ReportTask.TASK_ID)
                        .setValue(idPrefix + nextTask.incrementAndGet()))
                .build();
        responseObserver.onNext(Commands.newBuilder().addCommands(task).build());
        responseObserver.onCompleted();
    }
}
