package io.groundstation.testing;

import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFOffCPUProfiling;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFOnCPUProfiling;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** collectProfilingData messages laid out like the agent's: every stack ends in the kernel frame do_syscall. */
public final class ProfileMessages {

    private ProfileMessages() {
    }

    /** One message; task metadata only when {@code taskId} is given, as the agent sends it. */
    public static EBPFProfilingData onCpu(String taskId, String processId, long time, int dumps, String... user) {
        EBPFProfilingData.Builder data = EBPFProfilingData.newBuilder().setOnCPU(EBPFOnCPUProfiling.newBuilder()
                .addAllStacks(stacks(user)).setDumpCount(dumps));
        return withTask(data, taskId, processId, time);
    }

    public static EBPFProfilingData offCpu(String taskId, String processId, long time, int switches, long nanos,
                                           String... user) {
        EBPFProfilingData.Builder data = EBPFProfilingData.newBuilder().setOffCPU(EBPFOffCPUProfiling.newBuilder()
                .addAllStacks(stacks(user)).setSwitchCount(switches).setDuration(nanos));
        return withTask(data, taskId, processId, time);
    }

    private static EBPFProfilingData withTask(EBPFProfilingData.Builder data, String taskId, String processId,
                                              long time) {
        if (taskId != null) {
            data.setTask(EBPFProfilingTaskMetadata.newBuilder().setTaskId(taskId).setProcessId(processId)
                    .setProfilingStartTime(time).setCurrentTime(time));
        }
        return data.build();
    }

    /** The agent sends symbols leaf first: user frames given root first here are reversed. */
    private static List<EBPFProfilingStackMetadata> stacks(String... userRootFirst) {
        List<String> user = new ArrayList<>(List.of(userRootFirst));
        Collections.reverse(user);
        return List.of(
                EBPFProfilingStackMetadata.newBuilder().setStackType(EBPFProfilingStackType.PROCESS_KERNEL_SPACE)
                        .addStackSymbols("do_syscall").build(),
                EBPFProfilingStackMetadata.newBuilder().setStackType(EBPFProfilingStackType.PROCESS_USER_SPACE)
                        .addAllStackSymbols(user).build());
    }
}
