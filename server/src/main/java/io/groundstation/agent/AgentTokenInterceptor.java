package io.groundstation.agent;

import io.groundstation.log.ThrottledLog;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Refuses every agent call that does not carry the configured token in the {@code authentication} metadata. */
final class AgentTokenInterceptor implements ServerInterceptor {

    /** Operators should see that agents are refused, but never what they presented: it may be a real token. */
    private static final ThrottledLog REFUSALS = new ThrottledLog(LoggerFactory.getLogger(AgentTokenInterceptor.class),
            10_000);

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
            REFUSALS.warn("refused {} from {}: {} agent token", call.getMethodDescriptor().getBareMethodName(),
                    call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), presented == null ? "no" : "wrong");
            call.close(Status.PERMISSION_DENIED.withDescription("missing or wrong agent token"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }
}
