package io.groundstation.agent;

import org.apache.skywalking.apm.network.common.v3.Command;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;

import java.util.List;

/**
 * The one place that builds commands for agents. Rover finds commands by exact name and reads every argument as
 * a string, so names, argument keys and value formats live here and nowhere else (protocol.md §4–§5).
 */
public final class AgentCommands {

    public static final String POLICY_QUERY = "ContinuousProfilingPolicyQuery";
    public static final String REPORT_TASK = "ContinuousProfilingReportTask";
    public static final String PROFILING_TASK = "EBPFProfilingTaskQuery";

    private AgentCommands() {
    }

    /** No commands: "nothing changed" for queryPolicies, the acknowledgement for everything else. */
    public static Commands none() {
        return Commands.getDefaultInstance();
    }

    /** The policies of the services in {@code serviceWithPolicyJson} (a JSON array in the agent's form). */
    public static Commands policies(String serviceWithPolicyJson, String serialNumber) {
        return Commands.newBuilder().addCommands(command(POLICY_QUERY,
                "ServiceWithPolicyJSON", serviceWithPolicyJson,
                "SerialNumber", serialNumber)).build();
    }

    /** The reply to reportProfilingTask; Rover reads element 0 unconditionally, so there is always exactly one. */
    public static Commands triggeredTask(String taskId) {
        if (taskId == null || taskId.isEmpty()) {
            throw new IllegalArgumentException("a triggered task reply needs a task id");
        }
        return Commands.newBuilder().addCommands(command(REPORT_TASK, "TaskId", taskId)).build();
    }

    /**
     * One fixed-time task for queryTasks. Every argument must be present and well-formed or Rover skips the
     * command: times in epoch ms, duration in seconds, extension config valid JSON ({@code null} or an object).
     */
    public static Command fixedTimeTask(String taskId, List<String> processIds, long updateTime, String targetType,
                                        long startTime, String extensionConfigJson, long durationSeconds) {
        return command(PROFILING_TASK,
                "TaskId", taskId,
                "ProcessId", String.join(",", processIds),
                "TaskUpdateTime", Long.toString(updateTime),
                "TriggerType", "FIXED_TIME",
                "TargetType", targetType,
                "TaskStartTime", Long.toString(startTime),
                "ExtensionConfigJSON", extensionConfigJson == null ? "null" : extensionConfigJson,
                "FixedTriggerDuration", Long.toString(durationSeconds));
    }

    private static Command command(String name, String... keysAndValues) {
        Command.Builder command = Command.newBuilder().setCommand(name);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            command.addArgs(KeyStringValuePair.newBuilder().setKey(keysAndValues[i]).setValue(keysAndValues[i + 1]));
        }
        return command.build();
    }
}
