package io.groundstation.agent;

import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

import java.util.function.Consumer;

/**
 * One client-streaming call read to its end: each message is handled as it arrives, and one reply goes out after
 * the client half-closes (Rover never reads it; it only logs a failure). A failure stops the handling of later
 * messages and is answered as a status, like {@link Rpc#reply}. A cancelled stream keeps what was handled.
 */
final class ClientStream<Q, R> implements StreamObserver<Q> {

    private final String method;
    private final StreamObserver<R> out;
    private final R acknowledgement;
    private final Consumer<Q> each;
    private final Runnable atEnd;
    private StatusRuntimeException failure;

    ClientStream(String method, StreamObserver<R> out, R acknowledgement, Consumer<Q> each, Runnable atEnd) {
        this.method = method;
        this.out = out;
        this.acknowledgement = acknowledgement;
        this.each = each;
        this.atEnd = atEnd;
    }

    @Override
    public void onNext(Q message) {
        if (failure == null) {
            run(() -> each.accept(message));
        }
    }

    @Override
    public void onError(Throwable cause) {
        // The agent went away or cancelled; there is no one left to answer.
    }

    @Override
    public void onCompleted() {
        if (failure == null) {
            run(atEnd);
        }
        if (failure != null) {
            out.onError(failure);
            return;
        }
        out.onNext(acknowledgement);
        out.onCompleted();
    }

    private void run(Runnable handler) {
        try {
            handler.run();
        } catch (StatusRuntimeException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = Rpc.failure(method, e);
        }
    }
}
