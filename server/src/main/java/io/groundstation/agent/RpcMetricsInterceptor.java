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

import java.util.concurrent.TimeUnit;

/** Counts every agent call by method and status code, and times it from start to close. */
final class RpcMetricsInterceptor implements ServerInterceptor {

    private final Meter.MeterProvider<Counter> calls;
    private final Meter.MeterProvider<Timer> latency;

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
        String method = call.getMethodDescriptor().getBareMethodName();
        ServerCall<Q, R> timed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                calls.withTags("method", String.valueOf(method), "code", status.getCode().name()).increment();
                latency.withTags("method", String.valueOf(method))
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                super.close(status, trailers);
            }
        };
        return next.startCall(timed, headers);
    }
}
