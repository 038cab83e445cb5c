package io.groundstation.task;

/** A filter and page over tasks; null filters match everything; {@code from}/{@code to} bound the start time. */
public record TaskQuery(String serviceName, String instanceName, String processId, ProfilingTarget target,
                        TriggerType trigger, Long from, Long to, int offset, int limit) {
}
