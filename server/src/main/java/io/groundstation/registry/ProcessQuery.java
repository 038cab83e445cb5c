package io.groundstation.registry;

/** A filter and page over processes; null filters match everything. */
public record ProcessQuery(String serviceName, String instanceName, ProcessState state, int offset, int limit) {
}
