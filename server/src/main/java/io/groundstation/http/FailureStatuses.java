package io.groundstation.http;

import com.fasterxml.jackson.core.JacksonException;
import io.groundstation.backtest.BacktestProblems;
import io.groundstation.log.ThrottledLog;
import io.groundstation.policy.PolicyLimitReached;
import io.groundstation.policy.PolicyProblems;
import io.groundstation.profile.ProfilesNotComparable;
import io.groundstation.store.StorageFailure;
import io.groundstation.task.TaskLimitReached;
import io.groundstation.task.TaskRequestProblems;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one table of what the API answers a failure with: each domain failure's status, message and problems
 * (every answer is {@code {"error": ..., "problems": [...]}}), a storage failure 503 (the database may come back:
 * retry, as agents do on UNAVAILABLE), anything else 500 with the details in the log only.
 */
final class FailureStatuses {

    private static final Logger LOG = LoggerFactory.getLogger(FailureStatuses.class);
    private static final ThrottledLog STORAGE = new ThrottledLog(LOG, 10_000);
    static final String STORAGE_UNAVAILABLE = "storage unavailable; retry later";

    /** What the API answers: a status and the body's error and problems. */
    record Reply(int status, String error, List<String> problems) {
    }

    /** One row of the table: a failure type and how to read its reply from it. */
    private record Row<E extends Exception>(Class<E> failure, Function<E, Reply> reply) {

        static <E extends Exception> Row<E> of(Class<E> failure, int status, String error,
                                               Function<E, List<String>> problems) {
            return new Row<>(failure, e -> new Reply(status, error, problems.apply(e)));
        }

        Optional<Reply> replyTo(Exception e) {
            return failure.isInstance(e) ? Optional.of(reply.apply(failure.cast(e))) : Optional.empty();
        }
    }

    /** The first row whose type the failure is answers it. */
    private static final List<Row<?>> TABLE = List.of(
            new Row<>(ApiException.class, e -> new Reply(e.status(), e.getMessage(), e.problems())),
            Row.of(PolicyProblems.class, 400, "invalid policy", PolicyProblems::problems),
            Row.of(BacktestProblems.class, 400, "invalid backtest", BacktestProblems::problems),
            Row.of(TaskRequestProblems.class, 400, "invalid task request", TaskRequestProblems::problems),
            new Row<>(ProfilesNotComparable.class, e -> new Reply(400, e.getMessage(), List.of())),
            Row.of(PolicyLimitReached.class, 409, "too many policies", e -> List.of(e.getMessage())),
            Row.of(TaskLimitReached.class, 429, "too many running tasks", e -> List.of(e.getMessage())),
            new Row<>(JacksonException.class, e -> new Reply(400, "malformed JSON: " + e.getOriginalMessage(),
                    List.of())),
            new Row<>(HttpResponseException.class, e -> new Reply(e.getStatus(), e.getMessage(), List.of())));

    private FailureStatuses() {
    }

    static void install(Javalin app) {
        // Javalin answers its own responses (no such route) as text unless a handler names their exact type.
        app.exception(HttpResponseException.class, FailureStatuses::answer);
        app.exception(Exception.class, FailureStatuses::answer);
    }

    private static void answer(Exception e, Context ctx) {
        Reply reply = replyTo(e, ctx.method() + " " + ctx.path());
        drainBody(ctx);
        ctx.status(reply.status()).json(error(reply.error(), reply.problems()));
    }

    /** The reply to a failure of {@code request} ("PUT /api/policies/shop"), logging what the operator must see. */
    static Reply replyTo(Exception e, String request) {
        for (Row<?> row : TABLE) {
            Optional<Reply> reply = row.replyTo(e);
            if (reply.isPresent()) {
                return reply.get();
            }
        }
        if (StorageFailure.is(e)) {
            STORAGE.warn("{}: storage unavailable: {} ({})", request, e.getMessage(), StorageFailure.reason(e));
            return new Reply(503, STORAGE_UNAVAILABLE, List.of());
        }
        LOG.error("{} failed", request, e);
        return new Reply(500, "internal error; see the server log", List.of());
    }

    static Map<String, Object> error(String message, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        return body;
    }

    /**
     * Reads what is left of a refused request's body (at most the body limit): a connection closed with unread input
     * is reset, and the reset can destroy the answer before the client reads it.
     */
    private static void drainBody(Context ctx) {
        try {
            ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException | RuntimeException pastTheLimit) {
            // Past the body limit the connection is closed anyway; the answer is what it can be.
        }
    }
}
