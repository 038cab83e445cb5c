package io.groundstation.policy;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per agent, what this node knows of it beyond one poll: the services that gained processes of that agent through
 * this node and have not been in a reply to it since — the agent watches a service's new processes only once the
 * service is in a reply (protocol.md §4), and only this agent needs them — and the version it holds of every
 * service it has asked about. The agent keeps the policy of a service it stopped asking about (its processes of it
 * are gone) and re-syncs it with the rest, so a reply must re-spell or remove that one too. An agent this node has
 * heard of for less than the window may have registered processes through another node before its connection moved
 * here: this node cannot tell, so it says so ({@link News#mayHaveMissed}) and the caller falls back to what any
 * agent registered.
 */
final class AgentNews {

    /**
     * What a poll of one agent needs to know: unsent news (service to registration time), whether some may be
     * missing, and the versions it holds of services it asked about before but not in this poll.
     */
    record News(Map<String, Long> unsent, boolean mayHaveMissed, Map<String, String> heldUnasked) {
    }

    private static final class Agent {
        private final long firstHeard;
        private volatile long lastHeard;
        private final Map<String, Long> unsent = new ConcurrentHashMap<>();
        /** Service to the version the agent holds (as it sends it), for every service it holds a policy of. */
        private final Map<String, String> held = new ConcurrentHashMap<>();

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

    News polled(String agentId, Collection<HeldPolicy> asked, long now) {
        Agent agent = heard(agentId, now);
        Map<String, String> unasked = new HashMap<>(agent.held);
        for (HeldPolicy h : asked) {
            unasked.remove(h.serviceName());
            holds(agent, h.serviceName(), h.version());
        }
        return new News(Map.copyOf(agent.unsent), now - agent.firstHeard < windowMillis, unasked);
    }

    /**
     * A reply reached the agent: these news are settled (a registration recorded since, with a newer time, stays
     * unsent), and it now holds these versions of these services ("" for removed).
     */
    void sent(String agentId, Map<String, Long> news, Map<String, String> versions) {
        Agent agent = agents.get(agentId);
        if (agent != null) {
            news.forEach(agent.unsent::remove);
            versions.forEach((service, version) -> holds(agent, service, version));
        }
    }

    private static void holds(Agent agent, String service, String version) {
        if (version.isEmpty()) {
            agent.held.remove(service);
        } else {
            agent.held.put(service, version);
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
