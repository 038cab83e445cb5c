package io.groundstation.bench.reply;

/** Command names and argument keys exactly as Rover looks them up, grouped by the command that carries them. */
public final class RoverCommands {

    /** The reply to queryPolicies: the policies of the services an agent asked for (docs/protocol.md §4). */
    public static final class PolicyQuery {
        public static final String NAME = "ContinuousProfilingPolicyQuery";
        public static final String POLICIES_JSON = "ServiceWithPolicyJSON";

        private PolicyQuery() {
        }
    }

    /** The reply to reportProfilingTask: the id of the task a trigger made or joined (docs/protocol.md §4). */
    public static final class ReportTask {
        public static final String NAME = "ContinuousProfilingReportTask";
        public static final String TASK_ID = "TaskId";

        private ReportTask() {
        }
    }

    /** One command of a queryTasks reply: a fixed-time task for the agent to run (docs/protocol.md §5). */
    public static final class TaskQuery {
        public static final String NAME = "EBPFProfilingTaskQuery";
        public static final String TASK_ID = "TaskId";
        public static final String PROCESS_ID = "ProcessId";
        public static final String UPDATE_TIME = "TaskUpdateTime";
        public static final String TRIGGER_TYPE = "TriggerType";
        public static final String TARGET_TYPE = "TargetType";
        public static final String START_TIME = "TaskStartTime";
        public static final String EXTENSION_CONFIG = "ExtensionConfigJSON";
        public static final String FIXED_DURATION = "FixedTriggerDuration";

        private TaskQuery() {
        }
    }

    private RoverCommands() {
    }
}
