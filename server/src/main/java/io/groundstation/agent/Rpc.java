package io.groundstation.agent;

import io.groundstation.log.ThrottledLog;
import io.groundstation.registry.PingBacklogFull;
import io.groundstation.registry.RegistryFull;
import io.groundstation.store.StorageFailure;
import io.groundstation.task.TaskLimitReached;
import io.groundstation.task.TaskRequestProblems;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Supplier;

/**
 * Runs one unary call and turns every failure into a status the agent handles: Rover retries any error on its
 * next tick, so a failing database must surface as UNAVAILABLE, never as a half-written reply.
 */
final class Rpc {

    private static final Logger LOG = LoggerFactory.getLogger(Rpc.class);
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    /**
     * The one table of domain failures and the gRPC status each is answered with; each logs at most one warning
     * per interval, so a fleet hitting a cap cannot flood the log. A null description is the failure's message.
     */
    private static final List<Answer> ANSWERS = List.of(
            new Answer(RegistryFull.class, Status.RESOURCE_EXHAUSTED, null),
            new Answer(TaskLimitReached.class, Status.RESOURCE_EXHAUSTED, null),
            new Answer(TaskRequestProblems.class, Status.INVALID_ARGUMENT, null),
            new Answer(PingBacklogFull.class, Status.UNAVAILABLE, "keep-alive backlog full; retry later"));
    private static final ThrottledLog STORAGE = new ThrottledLog(LOG, LOG_INTERVAL_MILLIS);

    private record Answer(Class<? extends RuntimeException> failure, Status status, String description,
                          ThrottledLog log) {
        Answer(Class<? extends RuntimeException> failure, Status status, String description) {
            this(failure, status, description, new ThrottledLog(LOG, LOG_INTERVAL_MILLIS));
        }
    }

    private Rpc() {
    }

    static <T> void reply(StreamObserver<T> observer, String method, Supplier<T> handler) {
        T response;
        try {
            response = handler.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            observer.onError(failure(method, e));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    static StatusRuntimeException failure(String method, RuntimeException e) {
        for (Answer answer : ANSWERS) {
            if (answer.failure().isInstance(e)) {
                answer.log().warn("{}: {}", method, e.getMessage());
                return answer.status().withDescription(answer.description() != null ? answer.description()
                        : e.getMessage()).asRuntimeException();
            }
        }
        if (StorageFailure.is(e)) {
            STORAGE.warn("{}: storage unavailable: {} ({})", method, e.getMessage(), StorageFailure.reason(e));
            return Status.UNAVAILABLE.withDescription("storage unavailable; retry later").asRuntimeException();
        }
        LOG.error("{} failed", method, e);
        return Status.INTERNAL.withDescription("internal error in " + method).asRuntimeException();
    }
}
