package io.groundstation.registry;

import java.util.Set;

/** A service seen through its processes. */
public record ServiceSummary(String name, String id, Set<String> layers, int instances, long aliveProcesses,
                             long deadProcesses) {
}
