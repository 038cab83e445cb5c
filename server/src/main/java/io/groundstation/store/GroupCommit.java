package io.groundstation.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * Group commit: writes submitted while a transaction is under way share the next one. Whoever holds the commit lock
 * writes everything queued so far, so under load one transaction carries many callers' writes and the database
 * syncs once for all of them; each caller still returns only once its own write is durable. When a shared
 * transaction fails, each of its writes is tried again alone, so one bad write fails only its own caller.
 */
final class GroupCommit<T> {

    private final Consumer<List<T>> transaction;
    private final Queue<Ticket<T>> queue = new ConcurrentLinkedQueue<>();
    private final Object commitLock = new Object();

    /** {@code transaction} writes the given items in one transaction, or throws having written none of them. */
    GroupCommit(Consumer<List<T>> transaction) {
        this.transaction = transaction;
    }

    /** Returns once {@code item} is committed; throws what its transaction threw. */
    void submit(T item) {
        Ticket<T> ticket = new Ticket<>(item);
        queue.add(ticket);
        synchronized (commitLock) {
            if (!ticket.done) {
                commit(drain());
            }
        }
        if (ticket.failure != null) {
            throw ticket.failure;
        }
    }

    /** Writes waiting for a transaction. */
    int queued() {
        return queue.size();
    }

    private List<Ticket<T>> drain() {
        List<Ticket<T>> batch = new ArrayList<>();
        for (Ticket<T> next; (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        return batch;
    }

    private void commit(List<Ticket<T>> batch) {
        try {
            transaction.accept(batch.stream().map(t -> t.item).toList());
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).failure = e;
            } else {
                batch.forEach(this::commitAlone);
            }
        }
        batch.forEach(t -> t.done = true);
    }

    private void commitAlone(Ticket<T> ticket) {
        try {
            transaction.accept(List.of(ticket.item));
        } catch (RuntimeException e) {
            ticket.failure = e;
        }
    }

    /** One caller's write; its fields are only touched under the commit lock. */
    private static final class Ticket<T> {
        private final T item;
        private boolean done;
        private RuntimeException failure;

        Ticket(T item) {
            this.item = item;
        }
    }
}
