package io.groundstation.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keep-alives held in memory until the next flush: a fleet pings every process every 20 s, and writing each
 * ping would make the database the bottleneck. Only the newest ping of each process and agent is kept, so
 * memory is bounded by the number of live processes. A failed write puts its entries back for the next flush.
 */
final class PingCoalescer {

    private final RegistryStore store;
    private Map<String, PendingPing> pings = new ConcurrentHashMap<>();
    private Map<String, AgentSighting> agents = new ConcurrentHashMap<>();
    private final Object swapLock = new Object();

    PingCoalescer(RegistryStore store) {
        this.store = store;
    }

    void record(PendingPing ping) {
        synchronized (swapLock) {
            pings.merge(ping.processId(), ping, PendingPing::newer);
        }
    }

    void record(AgentSighting agent) {
        synchronized (swapLock) {
            agents.merge(agent.agentId(), agent, (old, fresh) -> fresh.seenAt() >= old.seenAt() ? fresh : old);
        }
    }

    int pending() {
        return pings.size();
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
        }
    }

    private void putBack(List<PendingPing> failedPings, List<AgentSighting> failedAgents) {
        failedPings.forEach(this::record);
        failedAgents.forEach(this::record);
    }
}
