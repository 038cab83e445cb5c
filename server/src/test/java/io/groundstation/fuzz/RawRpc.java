package io.groundstation.fuzz;

import io.groundstation.agent.RawBytes;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends arbitrary bytes as the request of any method, bypassing the stubs' serialisation, so the server sees
 * exactly the frames a broken or hostile agent could send.
 */
final class RawRpc {

    /** The outcome of one call: a status and, when OK, the reply's bytes. */
    record Outcome(Status status, byte[] reply) {
    }

    private RawRpc() {
    }

    static MethodDescriptor<byte[], byte[]> method(String fullName, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(type).setFullMethodName(fullName)
                .setRequestMarshaller(RawBytes.MARSHALLER).setResponseMarshaller(RawBytes.MARSHALLER).build();
    }

    static CompletableFuture<Outcome> unary(Channel channel, String fullName, byte[] request) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        ClientCalls.asyncUnaryCall(channel.newCall(method(fullName, MethodDescriptor.MethodType.UNARY),
                CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)), request, observer(outcome));
        return outcome;
    }

    static CompletableFuture<Outcome> clientStream(Channel channel, String fullName, List<byte[]> messages) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        StreamObserver<byte[]> requests = ClientCalls.asyncClientStreamingCall(channel.newCall(
                method(fullName, MethodDescriptor.MethodType.CLIENT_STREAMING),
                CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)), observer(outcome));
        messages.forEach(requests::onNext);
        requests.onCompleted();
        return outcome;
    }

    private static StreamObserver<byte[]> observer(CompletableFuture<Outcome> outcome) {
        return new StreamObserver<>() {
            private byte[] reply;

            @Override
            public void onNext(byte[] value) {
                reply = value;
            }

            @Override
            public void onError(Throwable t) {
                Status status = t instanceof StatusRuntimeException e ? e.getStatus() : Status.fromThrowable(t);
                outcome.complete(new Outcome(status, null));
            }

            @Override
            public void onCompleted() {
                outcome.complete(new Outcome(Status.OK, reply));
            }
        };
    }
}
