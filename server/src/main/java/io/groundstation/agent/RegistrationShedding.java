package io.groundstation.agent;

import io.groundstation.log.ThrottledLog;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Refuses registrations that arrive while too many already wait for a thread. Each waiting registration holds its
 * request (~25 KB for 50 processes, ~54 KB of Netty's pooled direct buffers as measured) until a thread takes it, and
 * a restart storm of 10 000 agents on their own connections queued ~9 900 of them: in a 512 MiB heap that ran out of
 * direct memory, after which transports failed and the node answered UNAVAILABLE for minutes (BENCHMARKS.md,
 * "eighth pass"). A refused call is answered UNAVAILABLE at once on the transport's thread and its request dropped;
 * Rover reports again at its next heartbeat.
 *
 * <p>The waiting calls are the registration pool's queue: the pool runs each call's steps through one serializing
 * executor, which queues at most one task per call, so the count needs no bookkeeping that could drift. The decision
 * is made as the call arrives ({@link #refuseOnArrival}, where the call's executor is chosen) and carried to
 * {@link #interceptCall} in the call's headers.
 */
final class RegistrationShedding implements ServerInterceptor {

    /**
     * Direct memory allowed per waiting registration when the limit is derived: ~1.8× the measured ~54 KB, which
     * still lets the ~9 900 calls of a 10 000-agent storm wait in a 1 GiB heap (BENCHMARKS.md, "eighth pass").
     */
    static final long BYTES_PER_WAITING_CALL = 96 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationShedding.class);
    private static final Metadata.Key<String> REFUSED =
            Metadata.Key.of("groundstation-refused-on-arrival", Metadata.ASCII_STRING_MARSHALLER);

    private final Set<String> methods;
    private final IntSupplier waiting;
    private final int limit;
    private final ThrottledLog log = new ThrottledLog(LOG, 10_000);

    /**
     * @param methods full names of the methods refused
     * @param waiting registrations waiting for a thread now
     * @param limit   refuse when this many wait
     */
    RegistrationShedding(Set<String> methods, IntSupplier waiting, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one registration must be able to wait: " + limit);
        }
        this.methods = Set.copyOf(methods);
        this.waiting = waiting;
        this.limit = limit;
    }

    /** The configured limit, or with 0 one waiting call per {@link #BYTES_PER_WAITING_CALL} of direct memory. */
    static int limit(int configured, long directMemoryBytes) {
        return configured > 0 ? configured : (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                directMemoryBytes / BYTES_PER_WAITING_CALL));
    }

    /**
     * True when this call is to be refused; it then runs on the transport's thread. Headers a peer sent under the
     * mark are removed first, so only this decides.
     */
    boolean refuseOnArrival(String method, Metadata headers) {
        headers.discardAll(REFUSED);
        if (!methods.contains(method)) {
            return false;
        }
        int now = waiting.getAsInt();
        if (now < limit) {
            return false;
        }
        headers.put(REFUSED, Integer.toString(now));
        return true;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
                                                                 ServerCallHandler<ReqT, RespT> next) {
        String waitingThen = headers.get(REFUSED);
        if (waitingThen == null) {
            return next.startCall(call, headers);
        }
        log.warn("refused {}: {} registrations waiting, limit {} (grpc.max-waiting-registrations)",
                call.getMethodDescriptor().getFullMethodName(), waitingThen, limit);
        call.close(Status.UNAVAILABLE.withDescription("too many registrations waiting (" + waitingThen
                + "); retry later"), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
