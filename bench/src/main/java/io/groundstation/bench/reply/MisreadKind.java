package io.groundstation.bench.reply;

/** Every way a reply can break a Rover agent, as protocol.md describes the agent's reading of it. */
public enum MisreadKind {
    PROCESS_MISSING_FROM_REPLY(false,
            "reportProcesses reply has no matching entry for a sent process; the agent ignores that process for its whole life"),
    POLICY_REPLY_SHAPE(false,
            "queryPolicies reply is neither empty nor exactly one ContinuousProfilingPolicyQuery with ServiceWithPolicyJSON"),
    POLICY_JSON_REJECTED(false,
            "ServiceWithPolicyJSON does not parse as Rover's types; the agent rejects the whole payload"),
    POLICY_UNKNOWN_TARGET(true,
            "policy target key other than ON_CPU/OFF_CPU/NETWORK"),
    POLICY_ITEM_DROPPED(false,
            "policy item the agent drops with a log line: empty or unparsable Threshold, Period <= 0, Count <= 0 or Count > Period"),
    POLICY_NOT_AS_WRITTEN(false,
            "policy field Rover decodes other than written: a missing UUID, a null or unknown item field, a URI filter"
                    + " on a checker that is not HTTP, a Period, Count or integer Threshold past 32 bits"),
    POLICY_URI_LIST_REUSED(true,
            "re-sync keeps an HTTP item with an unchanged URIList; its window is never made and the next check panics"),
    POLICY_URI_REGEX_REUSED(false,
            "re-sync keeps an HTTP item with an unchanged URIRegex; it silently loses its regex and counts every URI"),
    TASK_REPLY_EMPTY(true,
            "reportProfilingTask reply with no command"),
    TASK_REPLY_SHAPE(false,
            "reportProfilingTask reply is not exactly one ContinuousProfilingReportTask with a non-empty TaskId"),
    TASK_QUERY_COMMAND_INVALID(false,
            "queryTasks command the agent skips: wrong name, missing argument or malformed value"),
    TASK_QUERY_UNKNOWN_PROCESS(false,
            "queryTasks command naming a process id this agent was never given");

    private final boolean crashesAgent;
    private final String description;

    MisreadKind(boolean crashesAgent, String description) {
        this.crashesAgent = crashesAgent;
        this.description = description;
    }

    /** The agent process dies (a panic without recover) rather than just mis-handling the reply. */
    public boolean crashesAgent() {
        return crashesAgent;
    }

    public String description() {
        return description;
    }
}
