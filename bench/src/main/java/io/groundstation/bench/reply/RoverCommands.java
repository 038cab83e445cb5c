package io.groundstation.bench.reply;

/** Command names and argument keys exactly as Rover looks them up. */
public final class RoverCommands {

    public static final String POLICY_QUERY = "ContinuousProfilingPolicyQuery";
    public static final String POLICY_JSON_ARG = "ServiceWithPolicyJSON";
    public static final String REPORT_TASK = "ContinuousProfilingReportTask";
    public static final String TASK_ID_ARG = "TaskId";
    public static final String TASK_QUERY = "EBPFProfilingTaskQuery";
    public static final String PROCESS_ID_ARG = "ProcessId";
    public static final String TASK_UPDATE_TIME_ARG = "TaskUpdateTime";
    public static final String TRIGGER_TYPE_ARG = "TriggerType";
    public static final String TARGET_TYPE_ARG = "TargetType";
    public static final String TASK_START_TIME_ARG = "TaskStartTime";
    public static final String EXTENSION_CONFIG_ARG = "ExtensionConfigJSON";
    public static final String FIXED_DURATION_ARG = "FixedTriggerDuration";

    private RoverCommands() {
    }
}
