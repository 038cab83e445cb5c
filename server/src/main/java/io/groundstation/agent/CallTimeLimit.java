package io.groundstation.agent;

import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends any call still open after the limit. Rover sets no deadlines, and its streams last milliseconds; a peer
 * that opens a stream and never finishes it, or sends forever, would otherwise hold a call and its memory
 * indefinitely.
 */
final class CallTimeLimit implements ServerInterceptor {

    private final long limitMillis;
    private final ScheduledExecutorService timer;

    CallTimeLimit(long limitMillis, ScheduledExecutorService timer) {
        this.limitMillis = limitMillis;
        this.timer = timer;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        LimitedCall<Q, R> limited = new LimitedCall<>(call);
        limited.expiry = timer.schedule(() -> limited.expire(limitMillis), limitMillis, TimeUnit.MILLISECONDS);
        return next.startCall(limited, headers);
    }

    /** Serialises every use of the call, because expiry closes it from the timer's thread. */
    private static final class LimitedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private boolean closed;
        private volatile ScheduledFuture<?> expiry;

        LimitedCall(ServerCall<Q, R> call) {
            super(call);
        }

        synchronized void expire(long limitMillis) {
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
            ScheduledFuture<?> pending = expiry;
            if (pending != null) {
                pending.cancel(false);
            }
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }
    }
}
