package io.groundstation.fleet;

import io.groundstation.policy.PolicyService;
import io.groundstation.profile.ProcessData;
import io.groundstation.profile.ProfileService;
import io.groundstation.registry.AgentCounts;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ProcessState;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TaskQuery;
import io.groundstation.task.Tasks;
import io.groundstation.task.TriggerCount;
import io.groundstation.task.TriggerGovernor;

import java.util.List;
import java.util.Map;

/**
 * The fleet at a glance, the read model of the console's overview: how many agents, processes, services and
 * policies there are and how many tasks run, what policies triggered over the last day (per hour, and the services
 * they triggered most), and the latest tasks with the data each has received ({@code latestData}, by task id).
 */
public record FleetOverview(AgentCounts agents, long aliveProcesses, long deadProcesses, long services, int policies,
                            long runningTasks, List<TriggerCount<Long>> triggeredPerHour,
                            List<TriggerCount<String>> mostTriggered, List<ProfilingTask> latestTasks,
                            Map<String, List<ProcessData>> latestData) {

    static final int HOURS = 24;
    static final int TOP_SERVICES = 10;
    static final int LATEST_TASKS = 10;

    public static FleetOverview read(ProcessRegistry registry, PolicyService policies, Tasks tasks,
                                     TriggerGovernor triggers, ProfileService profiles) {
        List<ProfilingTask> latest = tasks.tasks(new TaskQuery(null, null, null, null, null, null, null, 0,
                LATEST_TASKS));
        return new FleetOverview(registry.agentCounts(), processes(registry, ProcessState.ALIVE),
                processes(registry, ProcessState.DEAD), registry.countServices(null), policies.list().size(),
                tasks.countRunning(), triggers.triggeredPerHour(HOURS), triggers.mostTriggered(HOURS, TOP_SERVICES),
                latest, profiles.dataOf(latest.stream().map(ProfilingTask::id).toList()));
    }

    private static long processes(ProcessRegistry registry, ProcessState state) {
        return registry.countProcesses(new ProcessQuery(null, null, state, 0, 1));
    }
}
