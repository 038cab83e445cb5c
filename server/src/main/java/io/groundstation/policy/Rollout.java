package io.groundstation.policy;

import java.util.List;

/** A service's current version and what each agent that polled it within the liveness window holds. */
public record Rollout(String version, List<AgentHolding> agents) {

    public long current() {
        return agents.stream().filter(a -> a.holds().equals(version)).count();
    }

    public long stale() {
        return agents.size() - current();
    }
}
