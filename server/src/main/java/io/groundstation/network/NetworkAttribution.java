package io.groundstation.network;

import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TriggerType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which NETWORK tasks a piece of network data belongs to. Nothing the agent sends carries a task id (protocol.md
 * §8), so it goes to every task that holds its local process at its time: a task holds the processes it lists
 * and, when a policy triggered it, every process of its service instance (the agent profiles the whole instance),
 * from {@code tolerance} before its start to {@code tolerance} after its end (the agent's clock and flush delay).
 */
final class NetworkAttribution {

    private record Instance(String service, String instance) {
    }

    private record Index(List<ProfilingTask> source, Map<String, List<ProfilingTask>> byProcess,
                         Map<Instance, List<ProfilingTask>> byInstance) {
    }

    private final Supplier<List<ProfilingTask>> tasks;
    private final long toleranceMillis;
    private volatile Index index = new Index(List.of(), Map.of(), Map.of());

    NetworkAttribution(Supplier<List<ProfilingTask>> tasks, long toleranceMillis) {
        this.tasks = tasks;
        this.toleranceMillis = toleranceMillis;
    }

    /** Ids of the tasks holding the process (of that service instance) at {@code time}; empty: unattributable. */
    List<String> tasksHolding(String service, String instance, String processId, long time) {
        Index current = current();
        List<String> holding = new ArrayList<>(1);
        for (ProfilingTask task : current.byProcess().getOrDefault(processId, List.of())) {
            if (covers(task, time)) {
                holding.add(task.id());
            }
        }
        for (ProfilingTask task : current.byInstance().getOrDefault(new Instance(service, instance), List.of())) {
            if (covers(task, time) && !holding.contains(task.id())) {
                holding.add(task.id());
            }
        }
        return holding;
    }

    private boolean covers(ProfilingTask task, long time) {
        return task.startTime() - toleranceMillis <= time && time < task.endTime() + toleranceMillis;
    }

    private Index current() {
        List<ProfilingTask> latest = tasks.get();
        Index current = index;
        if (current.source() != latest) {
            current = indexOf(latest);
            index = current;
        }
        return current;
    }

    private static Index indexOf(List<ProfilingTask> tasks) {
        Map<String, List<ProfilingTask>> byProcess = new HashMap<>();
        Map<Instance, List<ProfilingTask>> byInstance = new HashMap<>();
        for (ProfilingTask task : tasks) {
            task.processIds().forEach(id -> byProcess.computeIfAbsent(id, k -> new ArrayList<>()).add(task));
            if (task.trigger() == TriggerType.CONTINUOUS_PROFILING) {
                byInstance.computeIfAbsent(new Instance(task.serviceName(), task.instanceName()),
                        k -> new ArrayList<>()).add(task);
            }
        }
        return new Index(tasks, byProcess, byInstance);
    }
}
