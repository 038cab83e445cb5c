package io.groundstation.agent;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends any call still open after the limit. Rover sets no deadlines, and its streams last milliseconds; a peer
 * that opens a stream and never finishes it, or sends forever, would otherwise hold a call and its memory
 * indefinitely.
 *
 * <p>Open calls are kept in a set that the timer sweeps a few times per limit, rather than each call scheduling and
 * cancelling its own expiry: every call passed through the timer queue's one lock, from every transport and pool
 * thread, and showed in the saturation profile (BENCHMARKS.md). A call is thus ended between its limit and a tenth
 * of it later (at most a second).
 */
final class CallTimeLimit implements ServerInterceptor {

    private final long limitMillis;
    private final long limitNanos;
    private final Set<LimitedCall<?, ?>> open = ConcurrentHashMap.newKeySet();

    CallTimeLimit(long limitMillis, ScheduledExecutorService timer) {
        this.limitMillis = limitMillis;
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
        long sweepMillis = Math.max(10, Math.min(1_000, limitMillis / 10));
        timer.scheduleWithFixedDelay(this::expireOverdue, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        LimitedCall<Q, R> limited = new LimitedCall<>(call, System.nanoTime(), open);
        open.add(limited);
        // A call the peer cancels is never closed by the server: the watch ends with it.
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(limited, headers)) {
            @Override
            public void onCancel() {
                open.remove(limited);
                super.onCancel();
            }

            @Override
            public void onComplete() {
                open.remove(limited);
                super.onComplete();
            }
        };
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (LimitedCall<?, ?> call : open) {
            if (now - call.startedAt >= limitNanos) {
                call.expire(limitMillis);
            }
        }
    }

    /** Serialises every use of the call, because expiry closes it from the timer's thread. */
    private static final class LimitedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private final long startedAt;
        private final Set<LimitedCall<?, ?>> open;
        private boolean closed;

        LimitedCall(ServerCall<Q, R> call, long startedAt, Set<LimitedCall<?, ?>> open) {
            super(call);
            this.startedAt = startedAt;
            this.open = open;
        }

        synchronized void expire(long limitMillis) {
            open.remove(this);
            if (!closed) {
                closed = true;
                super.close(Status.DEADLINE_EXCEEDED.withDescription("call open longer than grpc.max-call-duration ("
                        + limitMillis + " ms)"), new Metadata());
            }
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void request(int numMessages) {
            if (!closed) {
                super.request(numMessages);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            open.remove(this);
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }
    }
}
