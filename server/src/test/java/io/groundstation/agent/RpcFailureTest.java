package io.groundstation.agent;

import io.groundstation.registry.RegistryFull;
import io.groundstation.task.TaskLimitReached;
import io.groundstation.task.TaskRequestProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table of domain failures to gRPC statuses. */
class RpcFailureTest {

    private static Status answer(RuntimeException failure) {
        StatusRuntimeException status = Rpc.failure("someCall", failure);
        return status.getStatus();
    }

    @Test
    void capsAreResourceExhaustedWithTheirReason() {
        assertThat(answer(new RegistryFull("agent a would hold 11 processes"))).satisfies(s -> {
            assertThat(s.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(s.getDescription()).isEqualTo("agent a would hold 11 processes");
        });
        assertThat(answer(new TaskLimitReached("3 tasks are running")).getCode())
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void aReportNoTaskCanBeMadeOfIsAnInvalidArgument() {
        Status status = answer(new TaskRequestProblems(List.of("duration: must be 1..86400 seconds")));
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("duration: must be 1..86400 seconds");
    }

    @Test
    void aStorageFailureIsUnavailableAndSaysNothingOfTheDatabase() {
        Status status = answer(new ConnectionException(new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 10000ms")));
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).isEqualTo("storage unavailable; retry later");
    }

    @Test
    void anythingElseIsInternal() {
        Status status = answer(new IllegalStateException("a bug"));
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(status.getDescription()).isEqualTo("internal error in someCall").doesNotContain("a bug");
    }
}
