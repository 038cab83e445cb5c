package io.groundstation.bench.baseline;

import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;

/** A client stream that is read to its end and answered with an empty {@code Commands}. */
final class DrainingStream<T> implements StreamObserver<T> {

    private final StreamObserver<Commands> reply;

    DrainingStream(StreamObserver<Commands> reply) {
        this.reply = reply;
    }

    @Override
    public void onNext(T message) {
        // discarded: the baseline measures transport cost only
    }

    @Override
    public void onError(Throwable t) {
        // the client went away; there is nobody to answer
    }

    @Override
    public void onCompleted() {
        reply.onNext(Commands.getDefaultInstance());
        reply.onCompleted();
    }
}
