package io.groundstation.bench.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFOffCPUProfiling;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFOnCPUProfiling;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskMetadata;

/**
 * Lays out one collectProfilingData stream as Rover does: tasks in turn, the task metadata on the first message of
 * each task only, one message per distinct stack with the counts since the previous flush. A task with nothing new
 * sends nothing, so a stream can be empty.
 */
final class UploadBuilder {

    private static final double IDLE_FLUSH_CHANCE = 0.15;

    private final StackCatalog stacks;
    private final int maxStacksPerTask;

    UploadBuilder(StackCatalog stacks, int maxStacksPerTask) {
        this.stacks = stacks;
        this.maxStacksPerTask = maxStacksPerTask;
    }

    List<EBPFProfilingData> stream(List<RunningTask> tasks, SplittableRandom random) {
        List<EBPFProfilingData> messages = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (RunningTask task : tasks) {
            if (random.nextDouble() < IDLE_FLUSH_CHANCE) {
                continue;
            }
            int count = 1 + random.nextInt(maxStacksPerTask);
            for (int i = 0; i < count; i++) {
                EBPFProfilingData.Builder message = EBPFProfilingData.newBuilder();
                if (i == 0) {
                    message.setTask(EBPFProfilingTaskMetadata.newBuilder()
                            .setTaskId(task.taskId())
                            .setProcessId(task.processId())
                            .setProfilingStartTime(task.startMillis())
                            .setCurrentTime(now));
                }
                if (task.onCpu()) {
                    message.setOnCPU(EBPFOnCPUProfiling.newBuilder()
                            .addAllStacks(stacks.sample(task.workload(), true, random))
                            .setDumpCount(1 + random.nextInt(50)));
                } else {
                    int switches = 1 + random.nextInt(20);
                    message.setOffCPU(EBPFOffCPUProfiling.newBuilder()
                            .addAllStacks(stacks.sample(task.workload(), false, random))
                            .setSwitchCount(switches)
                            .setDuration(switches * (10_000L + random.nextLong(50_000_000L))));
                }
                messages.add(message.build());
            }
        }
        return messages;
    }
}
