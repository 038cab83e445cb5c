package io.groundstation.bench.report;

import io.grpc.Status;
import io.groundstation.bench.reply.Misread;
import io.groundstation.bench.reply.MisreadKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Counters and latency histograms shared by every simulated agent. Thread-safe. */
public final class RunMetrics {

    private final Map<RpcMethod, MethodMetrics> methods = new EnumMap<>(RpcMethod.class);
    private final Map<MisreadKind, LongAdder> misreads = new EnumMap<>(MisreadKind.class);
    private final Map<FleetEvent, LongAdder> events = new EnumMap<>(FleetEvent.class);
    private final AtomicInteger inFlight = new AtomicInteger();

    public RunMetrics() {
        for (RpcMethod method : RpcMethod.values()) {
            methods.put(method, new MethodMetrics());
        }
        for (MisreadKind kind : MisreadKind.values()) {
            misreads.put(kind, new LongAdder());
        }
        for (FleetEvent event : FleetEvent.values()) {
            events.put(event, new LongAdder());
        }
    }

    public void callStarted() {
        inFlight.incrementAndGet();
    }

    public void callSucceeded(RpcMethod method, long latencyNanos) {
        MethodMetrics m = methods.get(method);
        m.ok.increment();
        m.latencyMicros.recordValue(Math.max(1, latencyNanos / 1000));
    }

    public void callFailed(RpcMethod method, Status.Code code, long latencyNanos) {
        MethodMetrics m = methods.get(method);
        m.failures.computeIfAbsent(code, c -> new LongAdder()).increment();
        m.latencyMicros.recordValue(Math.max(1, latencyNanos / 1000));
    }

    /**
     * Ends a call's time in flight, after its outcome is recorded and its reply handled: a follow-up call the handler
     * starts is in flight before this one leaves, so the drain at the end of a run never sees a false zero.
     */
    public void callFinished() {
        inFlight.decrementAndGet();
    }

    /**
     * Starts the measured window: calls, latencies and fleet events seen so far are forgotten. Misreads are kept, since
     * a reply that breaks an agent counts whenever it comes; calls in flight still complete into the new window.
     */
    public void startMeasuring() {
        methods.values().forEach(MethodMetrics::reset);
        events.values().forEach(LongAdder::reset);
    }

    public void misread(Misread misread) {
        misreads.get(misread.kind()).increment();
    }

    public void count(FleetEvent event, long n) {
        events.get(event).add(n);
    }

    public int inFlight() {
        return inFlight.get();
    }

    long ok(RpcMethod method) {
        return methods.get(method).ok.sum();
    }

    Map<Status.Code, Long> failures(RpcMethod method) {
        Map<Status.Code, Long> out = new EnumMap<>(Status.Code.class);
        methods.get(method).failures.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    Histogram latencyMicros(RpcMethod method) {
        return methods.get(method).latencyMicros.copy();
    }

    long misreads(MisreadKind kind) {
        return misreads.get(kind).sum();
    }

    long events(FleetEvent event) {
        return events.get(event).sum();
    }

    private static final class MethodMetrics {
        final LongAdder ok = new LongAdder();
        final Map<Status.Code, LongAdder> failures = new ConcurrentHashMap<>();
        // auto-resizing, 3 significant digits: exact enough for p99 without a fixed upper bound
        final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(3);

        void reset() {
            ok.reset();
            failures.clear();
            latencyMicros.reset();
        }
    }
}
