package io.groundstation.agent;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Refuses every agent call that does not carry the configured token in the {@code authentication} metadata. */
final class AgentTokenInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHENTICATION =
            Metadata.Key.of("authentication", Metadata.ASCII_STRING_MARSHALLER);

    private final byte[] expected;

    AgentTokenInterceptor(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String presented = headers.get(AUTHENTICATION);
        // Constant-time comparison: the token must not leak through response timing.
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            call.close(Status.PERMISSION_DENIED.withDescription("missing or wrong agent token"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }
}
