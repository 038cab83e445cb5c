package io.groundstation.bench.baseline;

import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.util.List;
import java.util.stream.Stream;

/** The services of the baseline, ready to add to a gRPC server. */
public final class BaselineServices {

    private BaselineServices() {
    }

    /** @param token the required {@code authentication} value, or {@code null} to accept every call */
    public static List<ServerServiceDefinition> create(String token) {
        return Stream.of(new BaselineProcessService(), new BaselineContinuousProfilingService(),
                        new BaselineProfilingService(), new BaselineMeterService(), new BaselineLogService(),
                        new BaselineSpanEventService())
                .map(service -> token == null ? service.bindService()
                        : ServerInterceptors.intercept(service, new AuthenticationCheck(token)))
                .toList();
    }
}
