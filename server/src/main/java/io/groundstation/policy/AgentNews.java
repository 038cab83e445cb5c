package io.groundstation.policy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per agent, the services that gained processes of that agent through this node and have not been in a reply to
 * it since: the agent watches a service's new processes only once the service is in a reply (protocol.md §4), and
 * only this agent needs them. An agent this node has heard of for less than the window may have registered
 * processes through another node before its connection moved here: this node cannot tell, so it says so
 * ({@link News#mayHaveMissed}) and the caller falls back to what any agent registered.
 */
final class AgentNews {

    /** What a poll of one agent needs to know: unsent news (service to registration time) and whether some may be missing. */
    record News(Map<String, Long> unsent, boolean mayHaveMissed) {
    }

    private static final class Agent {
        private final long firstHeard;
        private volatile long lastHeard;
        private final Map<String, Long> unsent = new ConcurrentHashMap<>();

        private Agent(long now) {
            this.firstHeard = now;
            this.lastHeard = now;
        }
    }

    private static final long FORGET_MILLIS = 5 * 60_000;
    private static final long PRUNE_EVERY_MILLIS = 60_000;

    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final long windowMillis;
    private volatile long prunedAt;

    AgentNews(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    void registered(String agentId, Set<String> services, long now) {
        Agent agent = heard(agentId, now);
        services.forEach(service -> agent.unsent.put(service, now));
    }

    News polled(String agentId, long now) {
        Agent agent = heard(agentId, now);
        return new News(Map.copyOf(agent.unsent), now - agent.firstHeard < windowMillis);
    }

    /** These news reached the agent; a registration recorded since (a newer time) stays unsent. */
    void sent(String agentId, Map<String, Long> news) {
        Agent agent = agents.get(agentId);
        if (agent != null) {
            news.forEach(agent.unsent::remove);
        }
    }

    private Agent heard(String agentId, long now) {
        Agent agent = agents.compute(agentId, (id, known) -> {
            Agent heard = known == null ? new Agent(now) : known;
            heard.lastHeard = now;
            return heard;
        });
        // Agents silent for minutes (Rover polls every 10 s) have gone, or moved to another node: they are forgotten,
        // looked for once a minute. Heard again, one counts as newly arrived, which costs it one window of fallback.
        if (now - prunedAt > PRUNE_EVERY_MILLIS) {
            prunedAt = now;
            agents.forEach((id, a) -> agents.computeIfPresent(id, (k, known) -> now - known.lastHeard > FORGET_MILLIS
                    ? null : known));
        }
        return agent;
    }
}
