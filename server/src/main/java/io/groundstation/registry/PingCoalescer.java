package io.groundstation.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keep-alives held in memory until the next flush: a fleet pings every process every 20 s, and writing each
 * ping would make the database the bottleneck. Only the newest ping of each process and agent is kept, so
 * memory is bounded by the number of live processes. A failed write puts its entries back for the next flush.
 * While the database is away nothing drains the backlog, and pings naming new entities (a buggy or hostile
 * client) would grow it without end: past {@code maxPending} entries, pings of processes and agents not yet
 * pending are refused. Entries put back after a failed write are never refused: they were acknowledged.
 */
final class PingCoalescer {

    private final RegistryStore store;
    private final int maxPending;
    private Map<String, PendingPing> pings = new ConcurrentHashMap<>();
    private Map<String, AgentSighting> agents = new ConcurrentHashMap<>();
    private final Object swapLock = new Object();
    /** Pings taken by a flush that is still writing them: they count as pending until written or put back. */
    private volatile int inFlight;

    PingCoalescer(RegistryStore store, int maxPending) {
        this.store = store;
        this.maxPending = maxPending;
    }

    /** False when refused because the backlog is full. */
    boolean record(PendingPing ping) {
        synchronized (swapLock) {
            if (pings.size() + inFlight >= maxPending && !pings.containsKey(ping.processId())) {
                return false;
            }
            keep(ping);
            return true;
        }
    }

    /** False when refused because the backlog is full. */
    boolean record(AgentSighting agent) {
        synchronized (swapLock) {
            if (agents.size() >= maxPending && !agents.containsKey(agent.agentId())) {
                return false;
            }
            keep(agent);
            return true;
        }
    }

    private void keep(PendingPing ping) {
        pings.merge(ping.processId(), ping, PendingPing::newer);
    }

    private void keep(AgentSighting agent) {
        agents.merge(agent.agentId(), agent, (old, fresh) -> fresh.seenAt() >= old.seenAt() ? fresh : old);
    }

    int maxPending() {
        return maxPending;
    }

    int pending() {
        return pings.size() + inFlight;
    }

    /** Writes everything pending; returns the number of process pings written. */
    synchronized int flush() {
        Map<String, PendingPing> takenPings;
        Map<String, AgentSighting> takenAgents;
        synchronized (swapLock) {
            takenPings = pings;
            takenAgents = agents;
            pings = new ConcurrentHashMap<>();
            agents = new ConcurrentHashMap<>();
            inFlight = takenPings.size();
        }
        try {
            if (!takenPings.isEmpty()) {
                store.applyPings(new ArrayList<>(takenPings.values()));
            }
            if (!takenAgents.isEmpty()) {
                store.applyAgentSightings(new ArrayList<>(takenAgents.values()));
            }
            return takenPings.size();
        } catch (RuntimeException e) {
            putBack(List.copyOf(takenPings.values()), List.copyOf(takenAgents.values()));
            throw e;
        } finally {
            inFlight = 0;
        }
    }

    private void putBack(List<PendingPing> failedPings, List<AgentSighting> failedAgents) {
        synchronized (swapLock) {
            failedPings.forEach(this::keep);
            failedAgents.forEach(this::keep);
            inFlight = 0; // in the same step as the put-back, so they are never counted twice
        }
    }
}
