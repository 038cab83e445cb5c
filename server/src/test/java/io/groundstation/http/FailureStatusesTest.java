package io.groundstation.http;

import io.groundstation.backtest.BacktestProblems;
import io.groundstation.policy.PolicyLimitReached;
import io.groundstation.policy.PolicyProblems;
import io.groundstation.profile.ProfilesNotComparable;
import io.groundstation.task.TaskLimitReached;
import io.groundstation.task.TaskRequestProblems;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table of failures to HTTP statuses and JSON errors. */
class FailureStatusesTest {

    private static FailureStatuses.Reply reply(Exception e) {
        return FailureStatuses.replyTo(e, "GET /api/test");
    }

    @Test
    void refusedRequestsAre400WithEveryProblem() {
        assertThat(reply(new PolicyProblems(List.of("ON_CPU.PROCESS_CPU.threshold: must be 0..100"))))
                .isEqualTo(new FailureStatuses.Reply(400, "invalid policy",
                        List.of("ON_CPU.PROCESS_CPU.threshold: must be 0..100")));
        assertThat(reply(new BacktestProblems(List.of("hours: must be in 1..24"))))
                .isEqualTo(new FailureStatuses.Reply(400, "invalid backtest", List.of("hours: must be in 1..24")));
        assertThat(reply(new TaskRequestProblems(List.of("service: required"))))
                .isEqualTo(new FailureStatuses.Reply(400, "invalid task request", List.of("service: required")));
        assertThat(reply(new ProfilesNotComparable("only two ON_CPU ..."))).isEqualTo(
                new FailureStatuses.Reply(400, "only two ON_CPU ...", List.of()));
        assertThat(reply(new ApiException(404, "no task with id x")))
                .isEqualTo(new FailureStatuses.Reply(404, "no task with id x", List.of()));
    }

    @Test
    void capsSayWhichCap() {
        assertThat(reply(new PolicyLimitReached("100 services have a policy"))).isEqualTo(
                new FailureStatuses.Reply(409, "too many policies", List.of("100 services have a policy")));
        assertThat(reply(new TaskLimitReached("3 tasks are running"))).isEqualTo(
                new FailureStatuses.Reply(429, "too many running tasks", List.of("3 tasks are running")));
    }

    @Test
    void aStorageFailureIs503AndSaysNothingOfTheDatabase() {
        Exception failure = new ConnectionException(new SQLException("connection refused to db:5432"));
        assertThat(reply(failure)).isEqualTo(new FailureStatuses.Reply(503, "storage unavailable; retry later",
                List.of()));
    }

    @Test
    void anythingElseIs500WithItsDetailsInTheLogOnly() {
        assertThat(reply(new IllegalStateException("a bug"))).isEqualTo(new FailureStatuses.Reply(500,
                "internal error; see the server log", List.of()));
    }
}
