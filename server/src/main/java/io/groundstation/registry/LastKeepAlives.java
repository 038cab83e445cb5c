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
        if (last == null || !last.namedBy(pings)) {
            return null;
        }
        last.seenAt = now;
        return last.processes;
    }

    /**
     * Remembers what {@code pings} named; only a keep-alive of which every ping was good and named a different
     * process, so that a keep-alive is the same as the last exactly when it names the same map.
     */
    void remember(String agentId, List<Ping> pings, Map<String, SightedProcess> named, long now) {
        if (named.size() == pings.size()) {
            byAgent.put(agentId, new Named(named, now));
        } else {
            byAgent.remove(agentId);
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

    private static final class Named {
        /** In the order the keep-alive named them (a LinkedHashMap): compared ping by ping. */
        final Map<String, SightedProcess> processes;
        volatile long seenAt;

        Named(Map<String, SightedProcess> processes, long seenAt) {
            this.processes = processes;
            this.seenAt = seenAt;
        }

        boolean namedBy(List<Ping> pings) {
            if (pings.size() != processes.size()) {
                return false;
            }
            Iterator<SightedProcess> known = processes.values().iterator();
            for (Ping ping : pings) {
                SightedProcess process = known.next();
                if (ping.ebpfSupported() != process.ebpfSupported() || !process.entity().equals(ping.entity())) {
                    return false;
                }
            }
            return true;
        }
    }
}
