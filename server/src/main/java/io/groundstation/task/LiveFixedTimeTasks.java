package io.groundstation.task;

import java.time.Clock;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The fixed-time tasks agents may still need to hear about, held in memory: every agent polls every 10 s, and
 * almost always there is nothing for it, which this answers without touching the database. Reloaded at most every
 * refresh interval (changes made through other nodes) and at once after a change through this node. The same
 * cache holds the recent NETWORK tasks that network results are attributed to.
 */
final class LiveFixedTimeTasks {

    private record Snapshot(List<ProfilingTask> tasks, long loadedAt) {
    }

    private final LongFunction<List<ProfilingTask>> load;
    private final long refreshMillis;
    private final Clock clock;
    private volatile Snapshot snapshot;

    LiveFixedTimeTasks(LongFunction<List<ProfilingTask>> load, long refreshMillis, Clock clock) {
        this.load = load;
        this.refreshMillis = refreshMillis;
        this.clock = clock;
    }

    List<ProfilingTask> tasks() {
        Snapshot current = snapshot;
        long now = clock.millis();
        if (current == null || now - current.loadedAt() >= refreshMillis) {
            synchronized (this) {
                current = snapshot;
                if (current == null || now - current.loadedAt() >= refreshMillis) {
                    current = new Snapshot(List.copyOf(load.apply(now)), now);
                    snapshot = current;
                }
            }
        }
        return current.tasks();
    }

    void invalidate() {
        snapshot = null;
    }
}
