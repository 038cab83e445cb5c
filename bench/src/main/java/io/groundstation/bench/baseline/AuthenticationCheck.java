package io.groundstation.bench.baseline;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** Rejects calls whose {@code authentication} metadata is not the configured token, as OAP does. */
final class AuthenticationCheck implements ServerInterceptor {

    static final Metadata.Key<String> AUTHENTICATION =
            Metadata.Key.of("authentication", Metadata.ASCII_STRING_MARSHALLER);

    private final String token;

    AuthenticationCheck(String token) {
        this.token = token;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        if (!token.equals(headers.get(AUTHENTICATION))) {
            call.close(Status.PERMISSION_DENIED.withDescription("bad authentication token"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
