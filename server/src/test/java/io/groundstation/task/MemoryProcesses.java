package io.groundstation.task;

import io.groundstation.registry.AliveProcesses;
import io.groundstation.registry.Liveness;
import io.groundstation.registry.RegisteredProcess;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry as the on-demand planners read it, in memory: tests put processes in directly, and the registry's
 * own {@link Liveness} says which are alive (tasks are in {@link MemoryTaskStore}).
 */
final class MemoryProcesses implements AliveProcesses {

    private final Map<String, RegisteredProcess> byId = new LinkedHashMap<>();
    private final Liveness liveness;

    MemoryProcesses(Liveness liveness) {
        this.liveness = liveness;
    }

    void put(RegisteredProcess process) {
        byId.put(process.id(), process);
    }

    @Override
    public List<RegisteredProcess> aliveProcesses(String serviceName, String instanceName, int limit) {
        return byId.values().stream()
                .filter(p -> p.entity().serviceName().equals(serviceName))
                .filter(p -> instanceName == null || p.entity().instanceName().equals(instanceName))
                .filter(p -> liveness.isAlive(p.lastSeen()))
                .limit(limit).toList();
    }

    @Override
    public List<String> aliveProcessIdsOf(String agentId) {
        return byId.values().stream().filter(p -> p.agentId().equals(agentId) && liveness.isAlive(p.lastSeen()))
                .map(RegisteredProcess::id).toList();
    }
}
