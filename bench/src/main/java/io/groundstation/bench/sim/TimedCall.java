package io.groundstation.bench.sim;

import io.groundstation.bench.report.RpcMethod;
import io.groundstation.bench.report.RunMetrics;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Consumer;

/** Receives the reply of one RPC, records its latency and outcome, then hands the reply on. */
final class TimedCall<T> implements StreamObserver<T> {

    private final RunMetrics metrics;
    private final RpcMethod method;
    private final Consumer<T> onReply;
    private final Runnable onFailure;
    private final long startNanos;
    private T reply;

    private TimedCall(RunMetrics metrics, RpcMethod method, Consumer<T> onReply, Runnable onFailure) {
        this.metrics = metrics;
        this.method = method;
        this.onReply = onReply;
        this.onFailure = onFailure;
        metrics.callStarted();
        this.startNanos = System.nanoTime();
    }

    /** Call right before issuing the RPC: the clock starts here. */
    static <T> TimedCall<T> start(RunMetrics metrics, RpcMethod method, Consumer<T> onReply, Runnable onFailure) {
        return new TimedCall<>(metrics, method, onReply, onFailure);
    }

    @Override
    public void onNext(T value) {
        reply = value;
    }

    @Override
    public void onError(Throwable t) {
        metrics.callFailed(method, Status.fromThrowable(t).getCode(), System.nanoTime() - startNanos);
        try {
            onFailure.run();
        } finally {
            metrics.callFinished();
        }
    }

    @Override
    public void onCompleted() {
        metrics.callSucceeded(method, System.nanoTime() - startNanos);
        try {
            onReply.accept(reply);
        } finally {
            metrics.callFinished();
        }
    }
}
