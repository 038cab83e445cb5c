package io.groundstation.agent;

import io.groundstation.metrics.Counter;
import io.groundstation.metrics.Histogram;
import io.groundstation.metrics.Metrics;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** Counts every agent call by method and status code, and times it from start to close. */
final class RpcMetricsInterceptor implements ServerInterceptor {

    private final Counter calls;
    private final Histogram latency;

    RpcMetricsInterceptor(Metrics metrics) {
        this.calls = metrics.counter("groundstation_rpc_total", "Agent RPCs by method and status code.",
                "method", "code");
        this.latency = metrics.histogram("groundstation_rpc_duration_seconds",
                "Agent RPC latency from call start to close.", Histogram.LATENCY_SECONDS, "method");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        String method = call.getMethodDescriptor().getBareMethodName();
        ServerCall<Q, R> timed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                calls.inc(String.valueOf(method), status.getCode().name());
                latency.observe((System.nanoTime() - started) / 1e9, String.valueOf(method));
                super.close(status, trailers);
            }
        };
        return next.startCall(timed, headers);
    }
}
