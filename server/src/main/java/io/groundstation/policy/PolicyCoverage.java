package io.groundstation.policy;

import io.groundstation.meter.ContinuousMetrics;
import io.groundstation.meter.LatestValue;
import io.groundstation.registry.AliveProcesses;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.task.TriggerGovernor;
import io.groundstation.task.TriggerRefusals;
import io.groundstation.task.TriggerStats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A policy's coverage of the fleet, the read model of the console's policy page: the alive processes it applies
 * to, by instance, each with how often and when it last triggered and its latest metric values, and how many of
 * the service's triggers the concurrency cap refused.
 */
public final class PolicyCoverage {

    /** The most processes one coverage lists. */
    static final int MAX_PROCESSES = 1000;
    /** How recent a metric value must be to be shown next to a threshold: a few of the agent's 5-s checks. */
    static final Duration LATEST_WITHIN = Duration.ofMinutes(1);

    private final PolicyService policies;
    private final AliveProcesses registry;
    private final TriggerGovernor triggers;
    private final ContinuousMetrics meters;

    public PolicyCoverage(PolicyService policies, AliveProcesses registry, TriggerGovernor triggers,
                          ContinuousMetrics meters) {
        this.policies = policies;
        this.registry = registry;
        this.triggers = triggers;
        this.meters = meters;
    }

    /** One covered process; {@code triggered} counts zero tasks when it never triggered. */
    public record CoveredProcess(RegisteredProcess process, TriggerStats triggered, List<LatestValue> latest) {
    }

    /** The coverage of a stored policy; {@code instances} by name, in name order. */
    public record Coverage(StoredPolicy policy, Map<String, List<CoveredProcess>> instances,
                           TriggerRefusals refusals) {
    }

    /** Empty when the service has no policy. */
    public Optional<Coverage> of(String serviceName) {
        return policies.get(serviceName).map(this::of);
    }

    private Coverage of(StoredPolicy stored) {
        String service = stored.policy().serviceName();
        List<RegisteredProcess> alive = registry.aliveProcesses(service, null, MAX_PROCESSES);
        List<String> ids = alive.stream().map(RegisteredProcess::id).toList();
        Map<String, TriggerStats> stats = triggers.triggerStats(ids);
        Map<String, List<LatestValue>> latest = meters.latest(ids, LATEST_WITHIN);
        Map<String, List<CoveredProcess>> instances = new TreeMap<>();
        for (RegisteredProcess process : alive) {
            TriggerStats triggered = stats.getOrDefault(process.id(), new TriggerStats(process.id(), 0, 0, 0));
            instances.computeIfAbsent(process.entity().instanceName(), k -> new ArrayList<>())
                    .add(new CoveredProcess(process, triggered, latest.getOrDefault(process.id(), List.of())));
        }
        return new Coverage(stored, instances, triggers.refusals(service));
    }
}
