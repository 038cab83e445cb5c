package io.groundstation.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which version of each service's policy each agent holds, in the agent's own words (its polls). An agent polls
 * every 10 s, so polls are kept in memory, newest per (service, agent), and {@link #flush()} writes one only when
 * what the agent holds changed, or when the stored poll time is a quarter of the liveness window old — often
 * enough for every node to count the agent as polling. A node answers from the database, which all nodes write,
 * merged with its own fresher memory; another node's agent may so look up to a quarter window (plus a flush)
 * older than it is.
 */
public final class PolicyRollout {

    private final PolicyRolloutStore store;
    private final long windowMillis;
    private final Clock clock;
    /** Newest poll by service, then agent. */
    private final Map<String, Map<String, AgentHolding>> latest = new ConcurrentHashMap<>();
    /** What this node last wrote, by service, then agent; touched by {@link #flush()} only. */
    private final Map<String, Map<String, AgentHolding>> written = new HashMap<>();

    public PolicyRollout(PolicyRolloutStore store, Duration livenessWindow, Clock clock) {
        this.store = store;
        this.windowMillis = livenessWindow.toMillis();
        this.clock = clock;
    }

    void polled(String agentId, Collection<HeldPolicy> held, long now) {
        for (HeldPolicy h : held) {
            AgentHolding holding = new AgentHolding(h.serviceName(), agentId, PolicyVersion.parse(h.version()).base(),
                    now);
            // compute, not computeIfAbsent then put: a flush dropping the service's emptied map cannot lose this.
            latest.compute(h.serviceName(), (service, agents) -> {
                Map<String, AgentHolding> map = agents == null ? new ConcurrentHashMap<>() : agents;
                map.merge(agentId, holding, AgentHolding::newer);
                return map;
            });
        }
    }

    /** Writes the polls that changed something; forgets agents that stopped polling. Returns how many were written. */
    public synchronized int flush() {
        long refreshMillis = windowMillis / 4;
        List<AgentHolding> due = new ArrayList<>();
        latest.forEach((service, agents) -> agents.forEach((agent, holding) -> {
            AgentHolding stored = written.getOrDefault(service, Map.of()).get(agent);
            if (stored == null || !stored.holds().equals(holding.holds())
                    || holding.lastPolledAt() - stored.lastPolledAt() >= refreshMillis) {
                due.add(holding);
            }
        }));
        if (!due.isEmpty()) {
            store.save(due);
            due.forEach(h -> written.computeIfAbsent(h.serviceName(), s -> new HashMap<>()).put(h.agentId(), h));
        }
        long aliveSince = clock.millis() - windowMillis;
        for (String service : List.copyOf(latest.keySet())) {
            latest.computeIfPresent(service, (s, agents) -> {
                agents.values().removeIf(h -> h.lastPolledAt() < aliveSince);
                return agents.isEmpty() ? null : agents;
            });
        }
        written.values().forEach(agents -> agents.values().removeIf(h -> h.lastPolledAt() < aliveSince));
        written.values().removeIf(Map::isEmpty);
        return due.size();
    }

    /** The agents that polled a service within the liveness window, by agent id. */
    public List<AgentHolding> agents(String serviceName) {
        long aliveSince = clock.millis() - windowMillis;
        Map<String, AgentHolding> merged = new TreeMap<>();
        store.find(serviceName, aliveSince).forEach(h -> merged.put(h.agentId(), h));
        latest.getOrDefault(serviceName, Map.of()).values().stream().filter(h -> h.lastPolledAt() >= aliveSince)
                .forEach(h -> merged.merge(h.agentId(), h, AgentHolding::newer));
        return List.copyOf(merged.values());
    }

    /** Deletes what no node shows any more: holdings not polled within the liveness window. */
    public int purge() {
        return store.deletePolledBefore(clock.millis() - windowMillis);
    }
}
