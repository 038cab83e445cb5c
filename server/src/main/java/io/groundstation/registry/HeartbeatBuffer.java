package io.groundstation.registry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heartbeats held in memory until the next flush, one small queue per agent. A fleet names every process every
 * 20 s; in steady state an agent names the same set each time, so its queue keeps one heartbeat whose time moves
 * forward. Rover sends one round as a report of its new processes followed by a keep-alive of the others: a
 * keep-alive that follows a report within {@link #ROUND_MILLIS} joins it, and the round counts from the report's
 * time. A report whose processes were all just written (new ones) waits that long for its keep-alive and is then
 * dropped unapplied: its processes are already stored and held.
 *
 * <p>Memory is bounded by {@code maxPending} processes across the heartbeats still to be applied: past it, a
 * heartbeat that would add more is refused (the agent sends the next one 20 s later). An agent keeps at most
 * {@link #MAX_PER_AGENT} different heartbeats (only while the database is away); the oldest is then dropped, which
 * loses only the last-seen time of processes that were named then and never since. Heartbeats put back after a
 * failed write are never refused: they were acknowledged.
 */
final class HeartbeatBuffer {

    /** Less than Rover's 20-s round, more than the time between the report and the keep-alive of one round. */
    static final long ROUND_MILLIS = 10_000;
    static final int MAX_PER_AGENT = 4;

    private final int maxPending;
    private final Map<String, Deque<Pending>> agents = new HashMap<>();
    private int pending;
    /** Processes of heartbeats taken by a flush that is still writing them. */
    private int inFlight;

    HeartbeatBuffer(int maxPending) {
        this.maxPending = maxPending;
    }

    /**
     * Records that {@code agentId} named {@code processes} at {@code seenAt}; {@code fromReport} when by
     * reportProcesses, {@code written} when every one of them was just stored by it. False when refused because
     * the buffer is full. The buffer keeps {@code processes} as it is: the caller must not change it afterwards.
     */
    synchronized boolean record(String agentId, Map<String, SightedProcess> processes, long seenAt,
                                boolean fromReport, boolean written) {
        Deque<Pending> queue = agents.computeIfAbsent(agentId, id -> new ArrayDeque<>());
        Pending last = queue.peekLast();
        if (last != null && last.processes.keySet().equals(processes.keySet())) {
            return grow(last, () -> last.sameSetAgain(processes, seenAt, fromReport, written));
        }
        if (last != null && last.fromReportsOnly && Math.abs(seenAt - last.seenAt) <= ROUND_MILLIS) {
            return grow(last, () -> last.join(processes, seenAt, fromReport, written));
        }
        Pending fresh = new Pending(processes, seenAt, fromReport, !written);
        if (fresh.counted() > 0 && pending + inFlight + fresh.counted() > maxPending) {
            dropIfEmpty(agentId, queue);
            return false;
        }
        queue.addLast(fresh);
        pending += fresh.counted();
        if (queue.size() > MAX_PER_AGENT) {
            pending -= queue.removeFirst().counted();
        }
        return true;
    }

    private boolean grow(Pending entry, Runnable change) {
        Pending copy = entry.copy();
        change.run();
        int added = entry.counted() - copy.counted();
        if (added > 0 && pending + inFlight + added > maxPending) {
            entry.restore(copy);
            return false;
        }
        pending += added;
        return true;
    }

    private void dropIfEmpty(String agentId, Deque<Pending> queue) {
        if (queue.isEmpty()) {
            agents.remove(agentId);
        }
    }

    /**
     * Takes every heartbeat due for writing, each agent's in order; a report still waiting for its keep-alive at
     * {@code now} stays.
     */
    synchronized List<AgentHeartbeat> take(long now) {
        List<AgentHeartbeat> taken = new ArrayList<>();
        for (Iterator<Map.Entry<String, Deque<Pending>>> agent = agents.entrySet().iterator(); agent.hasNext(); ) {
            Map.Entry<String, Deque<Pending>> entry = agent.next();
            for (Iterator<Pending> it = entry.getValue().iterator(); it.hasNext(); ) {
                Pending heartbeat = it.next();
                if (heartbeat.needsWrite) {
                    taken.add(heartbeat.toHeartbeat(entry.getKey()));
                    pending -= heartbeat.counted();
                    it.remove();
                } else if (now - heartbeat.seenAt > ROUND_MILLIS) {
                    it.remove();
                }
            }
            if (entry.getValue().isEmpty()) {
                agent.remove();
            }
        }
        inFlight = taken.stream().mapToInt(h -> h.processes().size()).sum();
        return taken;
    }

    /** Ends the flush of what {@link #take} returned; {@code failed} go back before anything newer. */
    synchronized void done(List<AgentHeartbeat> failed) {
        inFlight = 0;
        for (int i = failed.size() - 1; i >= 0; i--) {
            AgentHeartbeat heartbeat = failed.get(i);
            Map<String, SightedProcess> processes = new LinkedHashMap<>();
            heartbeat.processes().forEach(p -> processes.put(p.id(), p));
            Pending back = new Pending(processes, heartbeat.seenAt(), false, true);
            agents.computeIfAbsent(heartbeat.agentId(), id -> new ArrayDeque<>()).addFirst(back);
            pending += back.counted();
        }
    }

    synchronized int pending() {
        return pending + inFlight;
    }

    int maxPending() {
        return maxPending;
    }

    /** One agent's heartbeat not yet written. */
    private static final class Pending {
        private Map<String, SightedProcess> processes;
        private long seenAt;
        private boolean fromReportsOnly;
        /** False while every process in it was just stored by a report: nothing to write unless a keep-alive joins. */
        private boolean needsWrite;

        Pending(Map<String, SightedProcess> processes, long seenAt, boolean fromReportsOnly, boolean needsWrite) {
            this.processes = processes;
            this.seenAt = seenAt;
            this.fromReportsOnly = fromReportsOnly;
            this.needsWrite = needsWrite;
        }

        /** Processes counted against the buffer's bound: only those of heartbeats still to be written. */
        int counted() {
            return needsWrite ? processes.size() : 0;
        }

        /** The same set named again: the newest time and flags win. */
        void sameSetAgain(Map<String, SightedProcess> named, long at, boolean fromReport, boolean written) {
            if (at >= seenAt) {
                processes = named;
                seenAt = at;
            }
            fromReportsOnly &= fromReport;
            needsWrite |= !written;
        }

        /** The rest of the round this report began: the union, as of the round's first call. */
        void join(Map<String, SightedProcess> named, long at, boolean fromReport, boolean written) {
            Map<String, SightedProcess> union = new LinkedHashMap<>(processes);
            union.putAll(named);
            processes = union;
            seenAt = Math.min(seenAt, at);
            fromReportsOnly &= fromReport;
            needsWrite |= !written || !fromReport;
        }

        Pending copy() {
            return new Pending(processes, seenAt, fromReportsOnly, needsWrite);
        }

        void restore(Pending copy) {
            processes = copy.processes;
            seenAt = copy.seenAt;
            fromReportsOnly = copy.fromReportsOnly;
            needsWrite = copy.needsWrite;
        }

        AgentHeartbeat toHeartbeat(String agentId) {
            return new AgentHeartbeat(agentId, seenAt, List.copyOf(processes.values()));
        }
    }
}
