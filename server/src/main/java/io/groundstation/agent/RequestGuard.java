package io.groundstation.agent;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ForwardingServerCallListener;
import io.grpc.KnownLength;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Answers a request the services cannot take with INVALID_ARGUMENT saying why:
 * <ul>
 *   <li>one that is not valid protobuf (truncated frames, garbage, invalid UTF-8 in a string). Left alone,
 *   grpc-java reports these as UNKNOWN "Application error", which tells the agent's operator nothing;</li>
 *   <li>a unary request (a registration, keep-alive, poll or trigger report) larger than
 *   {@code limit.request-size}. Its size is the length of the received message, known before it is parsed:
 *   asking the parsed message for its serialized size walked every entity of every keep-alive again, 6 % of the
 *   saturation profile (BENCHMARKS.md). Streams (uploads, NETWORK results) are bounded by
 *   {@code grpc.max-message-size} per message instead.</li>
 * </ul>
 * The service must be converted with {@link ServerInterceptors#useInputStreamMessages} so that messages reach this
 * guard unparsed.
 */
final class RequestGuard implements ServerInterceptor {

    private final long maxUnaryRequestBytes;

    private RequestGuard(long maxUnaryRequestBytes) {
        this.maxUnaryRequestBytes = maxUnaryRequestBytes;
    }

    static ServerServiceDefinition guard(ServerServiceDefinition service, long maxUnaryRequestBytes) {
        return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service),
                new RequestGuard(maxUnaryRequestBytes));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> method = call.getMethodDescriptor();
        boolean unary = method.getType() == MethodDescriptor.MethodType.UNARY;
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            private boolean refused;

            @Override
            @SuppressWarnings("unchecked")
            public void onMessage(Q message) {
                if (refused) {
                    return;
                }
                if (unary) {
                    try {
                        InputStream body = sized((InputStream) message);
                        long size = body.available();
                        if (size > maxUnaryRequestBytes) {
                            refuse(Status.INVALID_ARGUMENT.withDescription(method.getBareMethodName()
                                    + ": request of " + size + " bytes exceeds limit.request-size="
                                    + maxUnaryRequestBytes));
                            return;
                        }
                        message = (Q) body;
                    } catch (IOException e) {
                        refuse(malformed(e));
                        return;
                    }
                }
                try {
                    super.onMessage(message);
                } catch (StatusRuntimeException e) {
                    if (!(e.getCause() instanceof InvalidProtocolBufferException malformed)) {
                        throw e;
                    }
                    refuse(malformed(malformed));
                }
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }

            private void refuse(Status status) {
                refused = true;
                call.close(status, new Metadata());
            }
        };
    }

    /** The one answer to a request that cannot be read, here or by a handler that parses its own request. */
    static Status malformed(IOException e) {
        return Status.INVALID_ARGUMENT.withDescription("malformed request: " + e.getMessage());
    }

    /**
     * grpc-java hands an uncompressed message over as a stream that knows its length; a decompressed one does not,
     * and is read out first (it is already bounded by {@code grpc.max-message-size}). Either way the stream
     * returned tells its whole length by {@code available()}.
     */
    private static InputStream sized(InputStream body) throws IOException {
        return body instanceof KnownLength ? body : new ByteArrayInputStream(body.readAllBytes());
    }
}
