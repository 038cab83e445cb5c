package io.groundstation.bench.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the fleet has asked of the store and the writer has not written yet: the next flush's narrow writes, the
 * registrations waiting for their group commit, and the gone processes waiting for the purge.
 */
final class SoakWork {

    /** One agent heartbeat: its last_seen moves; members and hash are rewritten only when its process set changed. */
    record Beat(String agentId, long seenAt, int members, long membersHash, boolean changed) {
    }

    /** A process last seen at {@code at}: gone from its agent (new pattern) or touched by a keep-alive (old). */
    record Sighting(String processId, long at) {
    }

    record Registration(SoakRow row, long seenAt, long enqueuedNanos) {
    }

    record Flush(List<Beat> beats, List<Sighting> gone, List<Sighting> touches) {
        int size() {
            return beats.size() + gone.size() + touches.size();
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition registered = lock.newCondition();
    /** Per agent, as the server's flush keeps it: the latest heartbeat, changed if any since the last flush was. */
    private Map<String, Beat> beats = new LinkedHashMap<>();
    private List<Sighting> gone = new ArrayList<>();
    private List<Sighting> touches = new ArrayList<>();
    private List<Registration> registrations = new ArrayList<>();
    private final ArrayDeque<Sighting> purgeQueue = new ArrayDeque<>();

    void beat(Beat beat, List<Sighting> goneNow, List<Sighting> touchedNow, List<Registration> newProcesses) {
        lock.lock();
        try {
            beats.merge(beat.agentId(), beat, (older, newer) -> older.changed() && !newer.changed()
                    ? new Beat(newer.agentId(), newer.seenAt(), newer.members(), newer.membersHash(), true)
                    : newer);
            gone.addAll(goneNow);
            purgeQueue.addAll(goneNow);
            touches.addAll(touchedNow);
            if (!newProcesses.isEmpty()) {
                registrations.addAll(newProcesses);
                registered.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** In the old pattern a gone process is written by nobody: its last_seen just stops moving until the purge. */
    void awaitPurge(List<Sighting> goneNow) {
        lock.lock();
        try {
            purgeQueue.addAll(goneNow);
        } finally {
            lock.unlock();
        }
    }

    Flush takeFlush() {
        lock.lock();
        try {
            Flush flush = new Flush(List.copyOf(beats.values()), gone, touches);
            beats = new LinkedHashMap<>();
            gone = new ArrayList<>();
            touches = new ArrayList<>();
            return flush;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code maxWaitNanos} for registrations, then takes all that are waiting (a group commit). */
    List<Registration> takeRegistrations(long maxWaitNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = maxWaitNanos;
            while (registrations.isEmpty() && left > 0) {
                left = registered.awaitNanos(left);
            }
            List<Registration> taken = registrations;
            registrations = new ArrayList<>();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** The gone processes last seen before {@code cutoff}, in the order they went. */
    List<String> takeExpired(long cutoff) {
        lock.lock();
        try {
            List<String> expired = new ArrayList<>();
            while (!purgeQueue.isEmpty() && purgeQueue.peekFirst().at() < cutoff) {
                expired.add(purgeQueue.pollFirst().processId());
            }
            return expired;
        } finally {
            lock.unlock();
        }
    }

    long pending() {
        lock.lock();
        try {
            return beats.size() + gone.size() + touches.size() + registrations.size();
        } finally {
            lock.unlock();
        }
    }
}
