package io.groundstation.meter;

import java.util.ArrayList;
import java.util.List;

/**
 * Points held in memory until the next flush: a fleet sends a report every 5 s from every node, and a write per
 * report would make the database the bottleneck. Offers past the limit are refused (the caller counts them) so a
 * database outage costs data, never the server's memory. A failed write puts its points back.
 */
final class MeterBuffer {

    /** Points per write: one transaction each, so a failure puts back only what was not written. */
    static final int WRITE_BATCH = 5_000;

    private final MeterStore store;
    private final int limit;
    private final Object lock = new Object();
    private List<MeterPoint> pending = new ArrayList<>();

    MeterBuffer(MeterStore store, int limit) {
        this.store = store;
        this.limit = limit;
    }

    /** Buffers what fits; returns how many points were refused because the buffer is full. */
    int offer(List<MeterPoint> points) {
        synchronized (lock) {
            int room = Math.max(0, limit - pending.size());
            int taken = Math.min(room, points.size());
            pending.addAll(points.subList(0, taken));
            return points.size() - taken;
        }
    }

    int pending() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Writes what was pending when called, batch by batch; returns the number of points written. */
    synchronized int flush() {
        List<MeterPoint> taken;
        synchronized (lock) {
            taken = pending;
            pending = new ArrayList<>();
        }
        int written = 0;
        while (written < taken.size()) {
            List<MeterPoint> batch = taken.subList(written, Math.min(taken.size(), written + WRITE_BATCH));
            try {
                store.append(batch);
            } catch (RuntimeException e) {
                putBack(taken.subList(written, taken.size()));
                throw e;
            }
            written += batch.size();
        }
        return written;
    }

    /** Failed points go back whole, even past the limit: they were accepted already; new offers wait for room. */
    private void putBack(List<MeterPoint> failed) {
        synchronized (lock) {
            List<MeterPoint> merged = new ArrayList<>(failed.size() + pending.size());
            merged.addAll(failed);
            merged.addAll(pending);
            pending = merged;
        }
    }
}
