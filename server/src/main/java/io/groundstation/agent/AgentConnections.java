package io.groundstation.agent;

import io.groundstation.log.ThrottledLog;
import io.groundstation.policy.Poller;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Which agent each connection carries. queryPolicies names no agent, but Rover sends every call of one agent over
 * one HTTP/2 connection, and queryTasks, reportProcesses and keepAlive name it: the first of those on a connection
 * names the connection's agent. A connection on which two agents have been named (a proxy multiplexing calls of
 * several agents) stays shared for its life, and its polls are answered as if from nobody in particular.
 */
final class AgentConnections {

    private static final ThrottledLog SHARED = new ThrottledLog(LoggerFactory.getLogger(AgentConnections.class),
            60_000);
    private static final Attributes.Key<Connection> CONNECTION = Attributes.Key.create("groundstation.connection");
    private static final Context.Key<Connection> CURRENT = Context.key("groundstation.connection");
    /** Stands for "several agents" in {@link Connection#agent}. */
    private static final Object SEVERAL = new Object();

    /** Gives every new connection its own, still unnamed, {@link Connection}. */
    static final ServerTransportFilter FILTER = new ServerTransportFilter() {
        @Override
        public Attributes transportReady(Attributes transport) {
            return transport.toBuilder().set(CONNECTION, new Connection(transport.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)))
                    .build();
        }
    };

    /** Makes the call's connection visible to the service methods. */
    static final ServerInterceptor INTERCEPTOR = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            Connection connection = call.getAttributes().get(CONNECTION);
            if (connection == null) {
                return next.startCall(call, headers);
            }
            return Contexts.interceptCall(Context.current().withValue(CURRENT, connection), call, headers, next);
        }
    };

    private AgentConnections() {
    }

    /** The current call named this agent (an empty id names nobody). */
    static void named(String agentId) {
        Connection connection = CURRENT.get();
        if (connection != null && !agentId.isEmpty()) {
            connection.named(agentId);
        }
    }

    /** Who sent the current call, as far as its connection tells. */
    static Poller poller() {
        Connection connection = CURRENT.get();
        Object agent = connection == null ? null : connection.agent.get();
        if (agent == null) {
            return Poller.UNNAMED_CONNECTION;
        }
        return agent == SEVERAL ? Poller.SHARED_CONNECTION : Poller.agent((String) agent);
    }

    private static final class Connection {

        private final Object remote;
        /** null until named; then the agent's id, or {@link #SEVERAL} for good. */
        private final AtomicReference<Object> agent = new AtomicReference<>();

        private Connection(Object remote) {
            this.remote = remote;
        }

        private void named(String agentId) {
            Object known;
            Object next;
            do {
                known = agent.get();
                if (known == SEVERAL || agentId.equals(known)) {
                    return;
                }
                next = known == null ? agentId : SEVERAL;
            } while (!agent.compareAndSet(known, next));
            if (next != SEVERAL) {
                return;
            }
            SHARED.warn("The connection from {} carries calls of several agents (a proxy that balances calls rather"
                    + " than connections?); its policy polls get every service re-sent that gained processes of"
                    + " any agent (docs/production.md, \"Several nodes\")", remote);
        }
    }
}
