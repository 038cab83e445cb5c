package io.groundstation.registry;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each agent's last keep-alive, as the processes it named. Rover names the same processes in the same order every
 * round, so a keep-alive equal to the agent's last one names the same processes again: it is answered with the map
 * made last time instead of checking every entity and computing every id (a SHA-256) again, which was the
 * keep-alive's per-process work in the saturation profile (BENCHMARKS.md). Equality is exact, entity by entity
 * and flag by flag, so what is recorded is what the full computation gives: this is a memo of a pure function.
 *
 * <p>An agent's entry goes when the agent has sent no keep-alive within the liveness window: an agent that
 * restarted comes back under a new id, and its old entry must not outlive it.
 */
final class LastKeepAlives {

    private final Map<String, Named> byAgent = new ConcurrentHashMap<>();

    /** The processes {@code agentId}'s last keep-alive named, if {@code pings} are exactly that keep-alive's. */
    Map<String, SightedProcess> sameAsLast(String agentId, List<Ping> pings, long now) {
        Named last = byAgent.get(agentId);
        if (last == null || !last.pings.equals(pings)) {
            return null;
        }
        last.seenAt = now;
        return last.processes;
    }

    /**
     * Remembers what {@code pings} named. A keep-alive with a refused ping is not remembered: its answer is more than
     * the map.
     */
    void remember(String agentId, List<Ping> pings, Map<String, SightedProcess> named, boolean anyRefused,
                  long now) {
        if (anyRefused) {
            byAgent.remove(agentId);
        } else {
            byAgent.put(agentId, new Named(List.copyOf(pings), named, now));
        }
    }

    /** Forgets the agents whose last keep-alive came before {@code cutoff}. */
    void forgetBefore(long cutoff) {
        for (Iterator<Named> it = byAgent.values().iterator(); it.hasNext(); ) {
            if (it.next().seenAt < cutoff) {
                it.remove();
            }
        }
    }

    int agents() {
        return byAgent.size();
    }

    /**
     * The pings share their entities with the processes, so remembering them costs a reference each. Pings, not the
     * processes, are compared: two processes of one container may carry one entity, named twice and held once.
     */
    private static final class Named {
        final List<Ping> pings;
        final Map<String, SightedProcess> processes;
        volatile long seenAt;

        Named(List<Ping> pings, Map<String, SightedProcess> processes, long seenAt) {
            this.pings = pings;
            this.processes = processes;
            this.seenAt = seenAt;
        }
    }
}
