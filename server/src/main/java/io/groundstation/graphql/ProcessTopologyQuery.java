package io.groundstation.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.groundstation.network.Link;
import io.groundstation.network.NetworkResults;
import io.groundstation.registry.Ids;
import io.groundstation.registry.ProcessEntity;
import io.groundstation.registry.ProcessRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * topology.graphqls' {@code getProcessTopology} over the links NETWORK tasks of the instance stored, shaped as OAP
 * shapes it: a peer the agent labels local or by address is one of OAP's virtual processes of the instance
 * ({@value #LOCAL_PEER}, {@value #REMOTE_PEER}; OAP names a remote one after its pod only with Kubernetes metadata);
 * a call goes from client to server, its id is {@code source-target}; the client side's observation adds
 * {@code CLIENT} and a source component, the server side's {@code SERVER} and a target component (one per side,
 * the highest in OAP's priority); the nodes are the calls' ends that are processes OAP would know.
 */
record ProcessTopologyQuery(NetworkResults network, ProcessRegistry registry, Clock clock) {

    static final String LOCAL_PEER = "UNKNOWN_LOCAL";
    static final String REMOTE_PEER = "UNKNOWN_REMOTE";

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("getProcessTopology", this::topology));
    }

    /**
     * OAP 10.1.0's components of a network link (network-profiling.yaml), in ascending priority as its
     * component-libraries.yml gives them (tcp 10, tls 11, http 45, https 46).
     */
    private enum Component {
        TCP("tcp"), TLS("tls"), HTTP("http"), HTTPS("https");

        final String oapName;

        Component(String oapName) {
            this.oapName = oapName;
        }

        static Component of(Link link) {
            if ("http".equals(link.protocol())) {
                return link.ssl() ? HTTPS : HTTP;
            }
            return link.ssl() ? TLS : TCP;
        }

        /** OAP keeps one component per side of a relation: the one of higher priority (its metrics' combine). */
        static Component higher(Component held, Component seen) {
            return held == null || seen.compareTo(held) > 0 ? seen : held;
        }

        static List<String> names(Component component) {
            return component == null ? List.of() : List.of(component.oapName);
        }
    }

    private static final class Call {
        final String source;
        final String target;
        Component client;
        Component server;

        Call(String source, String target) {
            this.source = source;
            this.target = target;
        }

        void observed(Link link) {
            if (link.clientSide()) {
                client = Component.higher(client, Component.of(link));
            } else {
                server = Component.higher(server, Component.of(link));
            }
        }

        /** CLIENT before SERVER, as OAP adds them. */
        List<String> detectPoints() {
            List<String> points = new ArrayList<>(2);
            if (client != null) {
                points.add("CLIENT");
            }
            if (server != null) {
                points.add("SERVER");
            }
            return points;
        }
    }

    private Map<String, Object> topology(DataFetchingEnvironment env) {
        DurationInput duration = DurationInput.of(env.getArgument("duration"), clock.getZone());
        Optional<Map.Entry<String, String>> names = Ids.instanceNames(env.getArgument("serviceInstanceId"));
        if (names.isEmpty()) {
            return Map.of("nodes", List.of(), "calls", List.of());
        }
        String service = names.get().getKey();
        String instance = names.get().getValue();
        Map<String, Call> calls = new TreeMap<>();
        for (Link link : network.instanceLinks(service, instance, duration.fromMillis(), duration.toMillis())) {
            String peer = switch (link.peer().kind()) {
                case PROCESS -> link.peer().value();
                case LOCAL -> Ids.processId(service, instance, LOCAL_PEER);
                case ADDRESS -> Ids.processId(service, instance, REMOTE_PEER);
            };
            String source = link.clientSide() ? link.processId() : peer;
            String target = link.clientSide() ? peer : link.processId();
            calls.computeIfAbsent(source + "-" + target, id -> new Call(source, target)).observed(link);
        }
        Map<String, Map<String, Object>> nodes = new TreeMap<>();
        List<Map<String, Object>> callViews = new ArrayList<>();
        calls.forEach((id, call) -> {
            for (String end : List.of(call.source, call.target)) {
                if (!nodes.containsKey(end)) {
                    node(end, service, instance).ifPresent(node -> nodes.put(end, node));
                }
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", id);
            view.put("source", call.source);
            view.put("target", call.target);
            view.put("detectPoints", call.detectPoints());
            view.put("sourceComponents", Component.names(call.client));
            view.put("targetComponents", Component.names(call.server));
            callViews.add(view);
        });
        return Map.of("nodes", List.copyOf(nodes.values()), "calls", callViews);
    }

    /** A registered process, or a virtual peer of the instance; empty for a process we do not know (as OAP). */
    private Optional<Map<String, Object>> node(String processId, String service, String instance) {
        for (String virtual : List.of(LOCAL_PEER, REMOTE_PEER)) {
            if (processId.equals(Ids.processId(service, instance, virtual))) {
                return Optional.of(node(processId, service, instance, virtual, false));
            }
        }
        return registry.process(processId).map(p -> {
            ProcessEntity entity = p.entity();
            return node(processId, entity.serviceName(), entity.instanceName(), entity.processName(), true);
        });
    }

    private static Map<String, Object> node(String id, String service, String instance, String name,
                                            boolean real) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("serviceId", Ids.serviceId(service));
        view.put("serviceName", service);
        view.put("serviceInstanceId", Ids.instanceId(service, instance));
        view.put("serviceInstanceName", instance);
        view.put("name", name);
        view.put("isReal", real);
        return view;
    }
}
