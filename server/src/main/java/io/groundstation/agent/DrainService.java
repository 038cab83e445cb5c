package io.groundstation.agent;

import com.google.protobuf.MessageLite;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;

/**
 * A client-streaming service whose messages we do not keep (Rover's access logs, protocol.md §7): every message
 * is read, counted and dropped, and the call acknowledged, so agents neither lose the stream to
 * an UNIMPLEMENTED error nor log one every few seconds.
 */
final class DrainService<Q extends MessageLite, R> implements BindableService {

    private final MethodDescriptor<Q, R> method;
    private final R acknowledgement;
    private final StreamTally tally;

    DrainService(MethodDescriptor<Q, R> method, R acknowledgement, StreamTally tally) {
        this.method = method;
        this.acknowledgement = acknowledgement;
        this.tally = tally;
    }

    @Override
    public ServerServiceDefinition bindService() {
        String service = method.getServiceName();
        return ServerServiceDefinition.builder(service)
                .addMethod(method, ServerCalls.asyncClientStreamingCall(out -> new ClientStream<Q, R>(
                        method.getBareMethodName(), out, acknowledgement, message -> tally.record(service, message),
                        () -> { })))
                .build();
    }
}
