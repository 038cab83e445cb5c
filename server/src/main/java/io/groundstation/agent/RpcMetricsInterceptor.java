package io.groundstation.agent;

import io.groundstation.metrics.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts every agent call by method and status code, and times it from start to close. Each method's meters are
 * looked up once: Micrometer's lookup by tags on every call (building and sorting the tags, hashing the id) showed in
 * the saturation profile (BENCHMARKS.md).
 */
final class RpcMetricsInterceptor implements ServerInterceptor {

    private final Meter.MeterProvider<Counter> calls;
    private final Meter.MeterProvider<Timer> latency;
    private final Map<String, MethodMeters> byMethod = new ConcurrentHashMap<>();

    RpcMetricsInterceptor(MeterRegistry metrics) {
        this.calls = Counter.builder("groundstation_rpc").description("Agent RPCs by method and status code.")
                .withRegistry(metrics);
        this.latency = Metrics.latency("groundstation_rpc_duration")
                .description("Agent RPC latency from call start to close.").withRegistry(metrics);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        MethodMeters meters = byMethod.computeIfAbsent(call.getMethodDescriptor().getBareMethodName(),
                MethodMeters::new);
        ServerCall<Q, R> timed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                meters.calls(status.getCode()).increment();
                meters.latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                super.close(status, trailers);
            }
        };
        return next.startCall(timed, headers);
    }

    private final class MethodMeters {
        private final String method;
        private final Timer latency;
        private final Map<Status.Code, Counter> byCode = new ConcurrentHashMap<>();

        MethodMeters(String method) {
            this.method = String.valueOf(method);
            this.latency = RpcMetricsInterceptor.this.latency.withTags("method", this.method);
        }

        Counter calls(Status.Code code) {
            return byCode.computeIfAbsent(code, c -> RpcMetricsInterceptor.this.calls.withTags("method", method,
                    "code", c.name()));
        }
    }
}
