package io.groundstation.agent;

import io.groundstation.log.ThrottledLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.groundstation.profile.ProfileService;
import io.groundstation.profile.ProfileUpload;
import io.groundstation.profile.SampleCounts;
import io.groundstation.profile.UploadResult;
import io.groundstation.profile.UploadedSample;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.OnDemandPlanner;
import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@code skywalking.v3.EBPFProfilingService}: fixed-time tasks for the asking agent's own processes, and profile
 * uploads. Continuous tasks are never sent here; the agent starts those from reportProfilingTask's reply.
 */
final class ProfilingRpc extends EBPFProfilingServiceGrpc.EBPFProfilingServiceImplBase {

    private static final ThrottledLog REFUSALS = new ThrottledLog(LoggerFactory.getLogger(ProfilingRpc.class),
            10_000);

    private final OnDemandPlanner onDemand;
    private final ProfileService profiles;
    private final RequestLimits limits;
    private final Meter.MeterProvider<Counter> uploaded;

    ProfilingRpc(OnDemandPlanner onDemand, ProfileService profiles, RequestLimits limits, MeterRegistry metrics) {
        this.onDemand = onDemand;
        this.profiles = profiles;
        this.limits = limits;
        this.uploaded = Counter.builder("groundstation_profile_messages")
                .description("Profile messages received, by outcome.").withRegistry(metrics);
    }

    @Override
    public void queryTasks(EBPFProfilingTaskQuery request, StreamObserver<Commands> out) {
        Rpc.reply(out, "queryTasks", () -> {
            limits.checkName("queryTasks", "agent id", request.getRoverInstanceId());
            AgentConnections.named(request.getRoverInstanceId());
            Commands.Builder commands = Commands.newBuilder();
            for (ProfilingTask task : onDemand.fixedTimeTasksFor(request.getRoverInstanceId(),
                    request.getLatestUpdateTime())) {
                commands.addCommands(AgentCommands.fixedTimeTask(task.id(), task.processIds(), task.updateTime(),
                        task.target().name(), task.startTime(), task.extensionConfig(), task.durationSeconds()));
            }
            return commands.build();
        });
    }

    @Override
    public StreamObserver<EBPFProfilingData> collectProfilingData(StreamObserver<Commands> out) {
        ProfileUpload upload = profiles.openUpload();
        return new StreamObserver<>() {
            private boolean failed;

            @Override
            public void onNext(EBPFProfilingData data) {
                if (failed) {
                    return;
                }
                try {
                    upload.accept(sample(data));
                } catch (RuntimeException e) {
                    failed = true;
                    out.onError(Rpc.failure("collectProfilingData", e));
                }
            }

            @Override
            public void onError(Throwable t) {
                // The agent went away mid-stream; what arrived complete is still worth keeping.
                finish();
            }

            @Override
            public void onCompleted() {
                if (failed) {
                    return;
                }
                Rpc.reply(out, "collectProfilingData", () -> {
                    finish();
                    return AgentCommands.none();
                });
            }

            private void finish() {
                UploadResult result = upload.finish();
                uploaded.withTags("outcome", "stored").increment(result.accepted());
                uploaded.withTags("outcome", "unknown_task").increment(result.unknownTask());
                uploaded.withTags("outcome", "process_not_in_task").increment(result.wrongProcess());
                uploaded.withTags("outcome", "no_task_metadata").increment(result.noMetadata());
                if (result.refused() > 0) {
                    REFUSALS.warn("collectProfilingData: refused {} messages ({} for unknown tasks, {} for processes"
                                    + " outside their task, {} before any task metadata)", result.refused(),
                            result.unknownTask(), result.wrongProcess(), result.noMetadata());
                }
            }
        };
    }

    private static UploadedSample sample(EBPFProfilingData data) {
        UploadedSample.Metadata metadata = data.hasTask() ? new UploadedSample.Metadata(data.getTask().getTaskId(),
                data.getTask().getProcessId(), data.getTask().getCurrentTime()) : null;
        return switch (data.getProfilingCase()) {
            case ONCPU -> new UploadedSample(metadata, stacks(data.getOnCPU().getStacksList()),
                    new SampleCounts(Math.max(0, data.getOnCPU().getDumpCount()), 0, 0));
            case OFFCPU -> new UploadedSample(metadata, stacks(data.getOffCPU().getStacksList()),
                    new SampleCounts(0, Math.max(0, data.getOffCPU().getSwitchCount()),
                            Math.max(0, data.getOffCPU().getDuration())));
            case PROFILING_NOT_SET -> new UploadedSample(metadata, List.of(), SampleCounts.NONE);
        };
    }

    private static List<UploadedSample.RawStack> stacks(List<EBPFProfilingStackMetadata> stacks) {
        return stacks.stream().map(s -> new UploadedSample.RawStack(
                s.getStackType() == EBPFProfilingStackType.PROCESS_KERNEL_SPACE, s.getStackSymbolsList())).toList();
    }
}
