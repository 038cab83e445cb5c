package io.groundstation.registry;

/** A service instance seen through its processes. */
public record InstanceSummary(String name, String id, long aliveProcesses, long deadProcesses, long lastSeen) {
}
