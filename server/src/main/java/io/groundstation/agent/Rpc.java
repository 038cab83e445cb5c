package io.groundstation.agent;

import io.groundstation.registry.PingBacklogFull;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs one unary call and turns every failure into a status the agent handles: Rover retries any error on its
 * next tick, so a failing database must surface as UNAVAILABLE, never as a half-written reply.
 */
final class Rpc {

    private static final Logger LOG = LoggerFactory.getLogger(Rpc.class);

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
        if (e instanceof PingBacklogFull) {
            LOG.warn("{}: {}", method, e.getMessage());
            return Status.UNAVAILABLE.withDescription("keep-alive backlog full; retry later").asRuntimeException();
        }
        if (causedBySql(e)) {
            LOG.warn("{}: storage unavailable: {} ({})", method, e.getMessage(), rootCause(e).getMessage());
            return Status.UNAVAILABLE.withDescription("storage unavailable; retry later").asRuntimeException();
        }
        LOG.error("{} failed", method, e);
        return Status.INTERNAL.withDescription("internal error in " + method).asRuntimeException();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static boolean causedBySql(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }
}
