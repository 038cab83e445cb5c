package io.groundstation.testing;

import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Client-streaming calls as Rover makes them: open, send every message, half-close, wait for the one reply. */
public final class ClientStreams {

    private ClientStreams() {
    }

    /** An observer of a call with one reply that completes {@code reply} with it, or with the call's failure. */
    public static <R> StreamObserver<R> replyInto(CompletableFuture<R> reply) {
        return new StreamObserver<>() {
            @Override
            public void onNext(R value) {
                reply.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                reply.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                reply.completeExceptionally(new AssertionError("completed without a reply"));
            }
        };
    }

    /**
     * Sends the messages on a stream opened by {@code open} (e.g. {@code stub::collect}) and returns the reply;
     * a failed call throws the status exception the server answered.
     */
    public static <Q, R> R send(Function<StreamObserver<R>, StreamObserver<Q>> open, List<Q> messages) {
        CompletableFuture<R> reply = new CompletableFuture<>();
        StreamObserver<Q> requests = open.apply(replyInto(reply));
        messages.forEach(requests::onNext);
        requests.onCompleted();
        try {
            return reply.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no reply to the stream", e);
        }
    }
}
