package io.groundstation.policy;

import io.groundstation.task.ProfilingTarget;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The continuous-profiling policy of one service: for each target, the conditions that fire it. */
public record Policy(String serviceName, Map<ProfilingTarget, Map<CheckerType, CheckItem>> targets) {

    public Policy {
        EnumMap<ProfilingTarget, Map<CheckerType, CheckItem>> copy = new EnumMap<>(ProfilingTarget.class);
        targets.forEach((target, items) -> copy.put(target, Collections.unmodifiableMap(new EnumMap<>(items))));
        targets = Collections.unmodifiableMap(copy);
    }

    /** True when some HTTP item filters URIs: the agent defect of protocol.md §4 concerns exactly these. */
    public boolean hasUriFilters() {
        return targets.values().stream().flatMap(items -> items.values().stream()).anyMatch(CheckItem::hasUriFilter);
    }
}
