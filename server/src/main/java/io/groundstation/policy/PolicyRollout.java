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
 * every 10 s, so polls are kept in memory, newest per agent, and {@link #flush()} writes an agent's poll only when
 * what it holds changed, or when its stored poll time is a quarter of the liveness window old — often enough for
 * every node to count the agent as polling. The time is one narrow row per agent; its holdings, a row per service,
 * are written only when they change (docs/design.md, "Policy rollout: by agent"). A node answers from the database,
 * which all nodes write, merged with its own fresher memory; another node's agent may so look up to a quarter
 * window (plus a flush) older than it is.
 */
public final class PolicyRollout {

    private final PolicyRolloutStore store;
    private final long windowMillis;
    private final Clock clock;
    /** Newest poll by agent. */
    private final Map<String, AgentPoll> latest = new ConcurrentHashMap<>();
    /** What this node last wrote of each agent; touched by {@link #flush()} only. */
    private final Map<String, AgentPoll> written = new HashMap<>();

    public PolicyRollout(PolicyRolloutStore store, Duration livenessWindow, Clock clock) {
        this.store = store;
        this.windowMillis = livenessWindow.toMillis();
        this.clock = clock;
    }

    /** {@code held}: one entry per service the agent asked about. */
    void polled(String agentId, Collection<HeldPolicy> held, long now) {
        latest.compute(agentId, (id, previous) -> {
            AgentPoll poll = AgentPoll.of(id, held, now, previous);
            return previous == null ? poll : previous.newer(poll);
        });
    }

    /** Writes the polls that changed something; forgets agents that stopped polling. */
    public synchronized RolloutWrites flush() {
        long refreshMillis = windowMillis / 4;
        List<AgentPoll> due = new ArrayList<>();
        for (AgentPoll poll : latest.values()) {
            AgentPoll stored = written.get(poll.agentId());
            if (stored == null || !stored.sameHoldings(poll) || poll.polledAt() - stored.polledAt() >= refreshMillis) {
                due.add(poll);
            }
        }
        RolloutWrites writes = due.isEmpty() ? RolloutWrites.NONE : new RolloutWrites(due.size(), store.save(due));
        due.forEach(poll -> written.put(poll.agentId(), poll));
        long aliveSince = clock.millis() - windowMillis;
        // Removes an entry only while it still holds the old poll, so a poll arriving meanwhile is kept.
        latest.values().removeIf(poll -> poll.polledAt() < aliveSince);
        written.values().removeIf(poll -> poll.polledAt() < aliveSince);
        return writes;
    }

    /** The agents that polled a service within the liveness window, by agent id. */
    public List<AgentHolding> agents(String serviceName) {
        long aliveSince = clock.millis() - windowMillis;
        Map<String, AgentHolding> merged = new TreeMap<>();
        store.find(serviceName, aliveSince).forEach(h -> merged.put(h.agentId(), h));
        for (AgentPoll poll : latest.values()) {
            AgentHolding stored = merged.get(poll.agentId());
            if (poll.polledAt() < aliveSince || stored != null && stored.lastPolledAt() > poll.polledAt()) {
                continue;
            }
            String holds = poll.holds().get(serviceName);
            if (holds == null) {
                merged.remove(poll.agentId());
            } else {
                merged.put(poll.agentId(), new AgentHolding(serviceName, poll.agentId(), holds, poll.polledAt()));
            }
        }
        return List.copyOf(merged.values());
    }

    /** Deletes what no node shows any more: agents that did not poll within the liveness window. */
    public int purge() {
        return store.deletePolledBefore(clock.millis() - windowMillis);
    }
}
