package io.groundstation.registry;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each agent's last keep-alive, as sent (its bytes) and as the processes it named. Rover builds each keep-alive from
 * the same list in the same order every round, so in steady state a keep-alive is byte for byte the agent's last
 * one: it names the same processes, and is recorded with the map made last time, without being parsed, checked or
 * hashed into ids again. Parsing, comparing entities and computing ids (a SHA-256 each) were most of the
 * keep-alive's work in the saturation profile (BENCHMARKS.md). What a keep-alive names is a function of its bytes
 * alone (the limits it is checked against do not change while the server runs), so the map is exactly what the full
 * work would make: this is a memo of a pure function.
 *
 * <p>An agent's entry goes when the agent has sent no keep-alive within the liveness window: an agent that
 * restarted comes back under a new id, and its old entry must not outlive it.
 */
final class LastKeepAlives {

    private final Map<String, Sent> byAgent = new ConcurrentHashMap<>();

    /** The processes {@code agentId}'s last keep-alive named, if {@code request} is that keep-alive's bytes. */
    Map<String, SightedProcess> sameAsLast(String agentId, byte[] request, long now) {
        Sent last = byAgent.get(agentId);
        if (last == null || !Arrays.equals(last.request, request)) {
            return null;
        }
        last.seenAt = now;
        return last.processes;
    }

    /**
     * Remembers what {@code request} named. A keep-alive with a refused ping is not remembered: its answer is more
     * than the map.
     */
    void remember(String agentId, byte[] request, Map<String, SightedProcess> named, boolean anyRefused, long now) {
        if (anyRefused) {
            byAgent.remove(agentId);
        } else {
            byAgent.put(agentId, new Sent(request, named, now));
        }
    }

    /** Forgets the agents whose last keep-alive came before {@code cutoff}. */
    void forgetBefore(long cutoff) {
        for (Iterator<Sent> it = byAgent.values().iterator(); it.hasNext(); ) {
            if (it.next().seenAt < cutoff) {
                it.remove();
            }
        }
    }

    int agents() {
        return byAgent.size();
    }

    private static final class Sent {
        /** Never changed after it is handed over (the caller gives up the array). */
        final byte[] request;
        final Map<String, SightedProcess> processes;
        volatile long seenAt;

        Sent(byte[] request, Map<String, SightedProcess> processes, long seenAt) {
            this.request = request;
            this.processes = processes;
            this.seenAt = seenAt;
        }
    }
}
