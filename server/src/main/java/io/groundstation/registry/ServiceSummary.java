package io.groundstation.registry;

import java.util.Set;
import java.util.TreeSet;

/** A service seen through its processes; layers sorted. */
public record ServiceSummary(String name, String id, Set<String> layers, int instances, long aliveProcesses,
                             long deadProcesses) {

    public ServiceSummary {
        layers = java.util.Collections.unmodifiableSet(new TreeSet<>(layers));
    }

    /** The same service counted over more layers. */
    public ServiceSummary plus(ServiceSummary other) {
        Set<String> allLayers = new TreeSet<>(layers);
        allLayers.addAll(other.layers);
        return new ServiceSummary(name, id, allLayers, instances, aliveProcesses + other.aliveProcesses,
                deadProcesses + other.deadProcesses);
    }
}
