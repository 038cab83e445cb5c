package io.groundstation.graphql;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.groundstation.registry.DetectType;
import io.groundstation.registry.Ids;
import io.groundstation.registry.InstanceSummary;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.registry.ServiceSummary;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * metadata-v2.graphqls (and getAllServices of metadata.graphqls, which {@code swctl service ls} still sends) over the
 * process registry: layers, services, instances, processes, the server's time.
 */
record MetadataQueries(ProcessRegistry registry, Clock clock) {

    /** The most processes one listing returns; OAP has no bound, a fleet's instance rarely holds more than tens. */
    static final int MAX_PROCESSES = 10_000;
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xx");

    void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("listLayers", env -> new TreeSet<>(registry.services().stream()
                        .flatMap(s -> s.layers().stream()).toList()).stream().toList())
                .dataFetcher("listServices", env -> {
                    String layer = env.getArgument("layer");
                    return registry.services().stream()
                            .filter(s -> layer == null || layer.isEmpty() || s.layers().contains(layer))
                            .map(MetadataQueries::service).toList();
                })
                .dataFetcher("getAllServices", env -> {
                    String group = env.getArgument("group");
                    return registry.services().stream().map(MetadataQueries::service)
                            .filter(s -> group == null || group.isEmpty() || group.equals(s.get("group"))).toList();
                })
                .dataFetcher("getService", env -> service(s -> s.id().equals(env.getArgument("serviceId"))))
                .dataFetcher("findService", env -> service(s -> s.name().equals(env.getArgument("serviceName"))))
                .dataFetcher("listInstances", this::listInstances)
                .dataFetcher("getInstance", env -> Ids.instanceNames(env.getArgument("instanceId"))
                        .flatMap(names -> registry.instances(names.getKey()).stream()
                                .filter(i -> i.name().equals(names.getValue())).findFirst())
                        .map(MetadataQueries::instance).orElse(null))
                .dataFetcher("listProcesses", this::listProcesses)
                .dataFetcher("getProcess", env -> registry.process(env.getArgument("processId"))
                        .map(MetadataQueries::process).orElse(null))
                .dataFetcher("estimateProcessScale", env -> (long) aliveProcesses(env.getArgument("serviceId"))
                        .stream().filter(p -> p.entity().carriesAll(labels(env.getArgument("labels")))).count())
                .dataFetcher("getTimeInfo", env -> Map.of(
                        "timezone", clock.instant().atZone(clock.getZone()).format(OFFSET),
                        "currentTimestamp", clock.millis())));
    }

    /** Labels as clients send them: swctl sends [""] for "no labels". */
    static List<String> labels(List<String> given) {
        return given == null ? List.of() : given.stream().filter(l -> l != null && !l.isBlank()).toList();
    }

    /** The alive processes of the service an id names; none when it names no service. */
    List<RegisteredProcess> aliveProcesses(String serviceId) {
        return Ids.serviceName(serviceId)
                .map(name -> registry.aliveProcesses(name, null, MAX_PROCESSES))
                .orElse(List.of());
    }

    private Map<String, Object> service(java.util.function.Predicate<ServiceSummary> which) {
        return registry.services().stream().filter(which).findFirst().map(MetadataQueries::service).orElse(null);
    }

    private List<Map<String, Object>> listInstances(DataFetchingEnvironment env) {
        DurationInput duration = DurationInput.of(env.getArgument("duration"), clock.getZone());
        return Ids.serviceName(env.getArgument("serviceId")).map(registry::instances).orElse(List.of()).stream()
                .filter(i -> i.lastSeen() >= duration.fromMillis()).map(MetadataQueries::instance).toList();
    }

    private List<Map<String, Object>> listProcesses(DataFetchingEnvironment env) {
        DurationInput duration = DurationInput.of(env.getArgument("duration"), clock.getZone());
        Optional<Map.Entry<String, String>> names = Ids.instanceNames(env.getArgument("instanceId"));
        return names.map(n -> registry.processes(new ProcessQuery(n.getKey(), n.getValue(), ProcessState.ALL, 0,
                        MAX_PROCESSES))).orElse(List.of()).stream()
                .filter(p -> p.lastSeen() >= duration.fromMillis() && p.firstSeen() < duration.toMillis())
                .map(MetadataQueries::process).toList();
    }

    static Map<String, Object> service(ServiceSummary service) {
        int separator = service.name().indexOf("::");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", service.id());
        view.put("name", service.name());
        // OAP's convention: "group::name" is a short name in a group.
        view.put("group", separator < 0 ? "" : service.name().substring(0, separator));
        view.put("shortName", separator < 0 ? service.name() : service.name().substring(separator + 2));
        view.put("layers", List.copyOf(service.layers()));
        view.put("normal", true);
        return view;
    }

    static Map<String, Object> instance(InstanceSummary instance) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", instance.id());
        view.put("name", instance.name());
        view.put("attributes", List.of());
        view.put("language", "UNKNOWN");
        view.put("instanceUUID", instance.id());
        return view;
    }

    static Map<String, Object> process(RegisteredProcess process) {
        Map<String, Object> view = new LinkedHashMap<>();
        String service = process.entity().serviceName();
        String instance = process.entity().instanceName();
        view.put("id", process.id());
        view.put("name", process.entity().processName());
        view.put("serviceId", Ids.serviceId(service));
        view.put("serviceName", service);
        view.put("instanceId", Ids.instanceId(service, instance));
        view.put("instanceName", instance);
        view.put("agentId", process.agentId());
        view.put("detectType", detectType(process.detectType()));
        List<Map<String, Object>> attributes = new ArrayList<>();
        new java.util.TreeMap<>(process.properties())
                .forEach((name, value) -> attributes.add(Map.of("name", name, "value", value)));
        view.put("attributes", attributes);
        view.put("labels", process.entity().labels());
        return view;
    }

    /** OAP's names for how a process was found. */
    static String detectType(DetectType type) {
        return switch (type) {
            case HOST -> "VM";
            case KUBERNETES -> "KUBERNETES";
            case UNKNOWN -> "UNDEFINED";
        };
    }
}
