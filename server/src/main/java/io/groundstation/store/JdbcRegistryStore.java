package io.groundstation.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.groundstation.registry.Agent;
import io.groundstation.registry.AgentSighting;
import io.groundstation.registry.DetectType;
import io.groundstation.registry.Ids;
import io.groundstation.registry.InstanceSummary;
import io.groundstation.registry.PendingPing;
import io.groundstation.registry.ProcessEntity;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.registry.RegistryStore;
import io.groundstation.registry.ServiceSummary;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The process registry on a JDBC database (H2 or PostgreSQL). */
public final class JdbcRegistryStore implements RegistryStore {

    private static final TypeReference<List<String>> LABELS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() { };
    private static final List<String> PROCESS_COLUMNS = List.of("id", "layer", "service_name", "instance_name",
            "process_name", "labels", "properties", "detect_type", "pid", "agent_id", "ebpf_supported",
            "first_seen", "last_seen", "registered_at");
    private static final String NEWER = "NEW.last_seen >= OLD.last_seen";
    /** A keep-alive of a stored process; like applyPing, it never moves last seen, agent or flag backwards. */
    private static final String TOUCH_PROCESS = "UPDATE process SET"
            + " agent_id = CASE WHEN :last_seen >= last_seen THEN :agent_id ELSE agent_id END,"
            + " ebpf_supported = CASE WHEN :last_seen >= last_seen THEN :ebpf_supported ELSE ebpf_supported END,"
            + " last_seen = GREATEST(last_seen, :last_seen) WHERE id = :id";

    private final Database database;
    private final Jdbi jdbi;
    private final String saveRegistration;
    private final String applyPing;
    private final String sightAgent;

    public JdbcRegistryStore(Database database) {
        this.database = database;
        this.jdbi = database.jdbi();
        Dialect dialect = database.dialect();
        Map<String, String> registrationUpdates = new LinkedHashMap<>();
        for (String column : List.of("layer", "labels", "properties", "detect_type", "pid", "agent_id",
                "ebpf_supported", "registered_at")) {
            registrationUpdates.put(column, "NEW." + column);
        }
        registrationUpdates.put("last_seen", "GREATEST(OLD.last_seen, NEW.last_seen)");
        this.saveRegistration = Upsert.sql(dialect, "process", List.of("id"), PROCESS_COLUMNS, registrationUpdates);
        // A ping from a slower node must not move last seen, the agent or the flag backwards.
        this.applyPing = Upsert.sql(dialect, "process", List.of("id"), PROCESS_COLUMNS, Map.of(
                "agent_id", "CASE WHEN " + NEWER + " THEN NEW.agent_id ELSE OLD.agent_id END",
                "ebpf_supported", "CASE WHEN " + NEWER + " THEN NEW.ebpf_supported ELSE OLD.ebpf_supported END",
                "last_seen", "GREATEST(OLD.last_seen, NEW.last_seen)"));
        this.sightAgent = Upsert.sql(dialect, "agent", List.of("id"), List.of("id", "first_seen", "last_seen"),
                Map.of("last_seen", "GREATEST(OLD.last_seen, NEW.last_seen)"));
    }

    @Override
    public void saveRegistrations(AgentSighting agent, List<RegisteredProcess> processes) {
        database.write(handle -> {
            PreparedBatch batch = handle.prepareBatch(saveRegistration);
            for (RegisteredProcess p : processes) {
                bindProcess(batch, p.id(), p.entity(), p.detectType(), p.pid(), Json.write(p.properties()),
                        p.agentId(), p.ebpfSupported(), p.firstSeen(), p.lastSeen(), p.registeredAt());
                batch.add();
            }
            batch.execute();
            sightAgents(handle, List.of(agent));
        });
    }

    @Override
    public void applyPings(Collection<PendingPing> pings) {
        List<PendingPing> ordered = new ArrayList<>(pings);
        // A fixed order keeps two nodes flushing overlapping batches from deadlocking on row locks.
        ordered.sort(Comparator.comparing(PendingPing::processId));
        database.write(handle -> {
            // Nearly every ping is of a stored process: a narrow update, and the full upsert only for the rest.
            PreparedBatch touch = handle.prepareBatch(TOUCH_PROCESS);
            for (PendingPing ping : ordered) {
                touch.bind("id", ping.processId()).bind("agent_id", ping.agentId())
                        .bind("ebpf_supported", ping.ebpfSupported()).bind("last_seen", ping.seenAt()).add();
            }
            int[] touched = touch.execute();
            List<PendingPing> unknown = new ArrayList<>();
            for (int i = 0; i < touched.length; i++) {
                if (touched[i] == 0) {
                    unknown.add(ordered.get(i));
                }
            }
            if (!unknown.isEmpty()) {
                PreparedBatch batch = handle.prepareBatch(applyPing);
                for (PendingPing ping : unknown) {
                    bindProcess(batch, ping.processId(), ping.entity(), DetectType.UNKNOWN, 0, "{}",
                            ping.agentId(), ping.ebpfSupported(), ping.seenAt(), ping.seenAt(), ping.seenAt());
                    batch.add();
                }
                batch.execute();
            }
        });
    }

    @Override
    public void applyAgentSightings(Collection<AgentSighting> agents) {
        List<AgentSighting> ordered = new ArrayList<>(agents);
        ordered.sort(Comparator.comparing(AgentSighting::agentId));
        database.write(handle -> sightAgents(handle, ordered));
    }

    private void sightAgents(Handle handle, List<AgentSighting> agents) {
        PreparedBatch batch = handle.prepareBatch(sightAgent);
        for (AgentSighting agent : agents) {
            batch.bind("id", agent.agentId()).bind("first_seen", agent.seenAt()).bind("last_seen", agent.seenAt())
                    .add();
        }
        batch.execute();
    }

    private static void bindProcess(PreparedBatch batch, String id, ProcessEntity entity, DetectType detectType,
                                    int pid, String properties, String agentId, boolean ebpfSupported,
                                    long firstSeen, long lastSeen, long registeredAt) {
        batch.bind("id", id)
                .bind("layer", entity.layer())
                .bind("service_name", entity.serviceName())
                .bind("instance_name", entity.instanceName())
                .bind("process_name", entity.processName())
                .bind("labels", Json.write(entity.labels()))
                .bind("properties", properties)
                .bind("detect_type", detectType.name())
                .bind("pid", pid)
                .bind("agent_id", agentId)
                .bind("ebpf_supported", ebpfSupported)
                .bind("first_seen", firstSeen)
                .bind("last_seen", lastSeen)
                .bind("registered_at", registeredAt);
    }

    @Override
    public Optional<RegisteredProcess> findProcess(String id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM process WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> process(rs)).findOne());
    }

    @Override
    public long countAliveProcessesOfAgent(String agentId, long aliveSince) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM process WHERE agent_id = :agent"
                + " AND last_seen >= :since").bind("agent", agentId).bind("since", aliveSince).mapTo(Long.class).one());
    }

    @Override
    public boolean hasService(String serviceName) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT 1 FROM process WHERE service_name = :service"
                + " LIMIT 1").bind("service", serviceName).mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public long countServices() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(DISTINCT service_name) FROM process")
                .mapTo(Long.class).one());
    }

    @Override
    public Map<String, RegisteredProcess> findProcesses(Collection<String> ids) {
        Map<String, RegisteredProcess> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<String> all = List.copyOf(ids);
        jdbi.useHandle(handle -> {
            // Chunks keep the IN list within what every database takes.
            for (int i = 0; i < all.size(); i += 1000) {
                handle.createQuery("SELECT * FROM process WHERE id IN (<ids>)")
                        .bindList("ids", all.subList(i, Math.min(all.size(), i + 1000)))
                        .map((rs, ctx) -> process(rs)).forEach(p -> found.put(p.id(), p));
            }
        });
        return found;
    }

    @Override
    public List<RegisteredProcess> findProcesses(ProcessQuery query, long aliveSince) {
        String sql = "SELECT * FROM process" + where(query)
                + " ORDER BY service_name, instance_name, process_name, id LIMIT :limit OFFSET :offset";
        return jdbi.withHandle(handle -> bindFilter(handle.createQuery(sql), query, aliveSince)
                .bind("limit", query.limit()).bind("offset", query.offset())
                .map((rs, ctx) -> process(rs)).list());
    }

    @Override
    public long countProcesses(ProcessQuery query, long aliveSince) {
        String sql = "SELECT COUNT(*) FROM process" + where(query);
        return jdbi.withHandle(handle -> bindFilter(handle.createQuery(sql), query, aliveSince)
                .mapTo(Long.class).one());
    }

    private static String where(ProcessQuery query) {
        List<String> conditions = new ArrayList<>();
        if (query.serviceName() != null) {
            conditions.add("service_name = :service");
        }
        if (query.instanceName() != null) {
            conditions.add("instance_name = :instance");
        }
        if (query.state() == ProcessState.ALIVE) {
            conditions.add("last_seen >= :aliveSince");
        } else if (query.state() == ProcessState.DEAD) {
            conditions.add("last_seen < :aliveSince");
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Query bindFilter(Query statement, ProcessQuery query, long aliveSince) {
        if (query.serviceName() != null) {
            statement.bind("service", query.serviceName());
        }
        if (query.instanceName() != null) {
            statement.bind("instance", query.instanceName());
        }
        if (query.state() == ProcessState.ALIVE || query.state() == ProcessState.DEAD) {
            statement.bind("aliveSince", aliveSince);
        }
        return statement;
    }

    @Override
    public List<ServiceSummary> summarizeServices(long aliveSince) {
        return jdbi.withHandle(handle -> {
            Map<String, Integer> instances = new LinkedHashMap<>();
            handle.createQuery("SELECT service_name, COUNT(DISTINCT instance_name) AS n FROM process"
                            + " GROUP BY service_name")
                    .map((rs, ctx) -> Map.entry(rs.getString("service_name"), rs.getInt("n")))
                    .forEach(e -> instances.put(e.getKey(), e.getValue()));
            List<LayerCount> counts = handle.createQuery("SELECT service_name, layer,"
                            + " SUM(CASE WHEN last_seen >= :aliveSince THEN 1 ELSE 0 END) AS alive, COUNT(*) AS total"
                            + " FROM process GROUP BY service_name, layer ORDER BY service_name, layer")
                    .bind("aliveSince", aliveSince)
                    .map((rs, ctx) -> new LayerCount(rs.getString("service_name"), rs.getString("layer"),
                            rs.getLong("alive"), rs.getLong("total")))
                    .list();
            Map<String, ServiceSummary> services = new LinkedHashMap<>();
            for (LayerCount count : counts) {
                services.merge(count.service(), count.toSummary(instances.getOrDefault(count.service(), 0)),
                        ServiceSummary::plus);
            }
            return List.copyOf(services.values());
        });
    }

    private record LayerCount(String service, String layer, long alive, long total) {
        ServiceSummary toSummary(int instances) {
            return new ServiceSummary(service, Ids.serviceId(service), Set.of(layer), instances, alive, total - alive);
        }
    }

    @Override
    public List<InstanceSummary> summarizeInstances(String serviceName, long aliveSince) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT instance_name,"
                        + " SUM(CASE WHEN last_seen >= :aliveSince THEN 1 ELSE 0 END) AS alive, COUNT(*) AS total,"
                        + " MAX(last_seen) AS last_seen FROM process WHERE service_name = :service"
                        + " GROUP BY instance_name ORDER BY instance_name")
                .bind("aliveSince", aliveSince).bind("service", serviceName)
                .map((rs, ctx) -> {
                    String name = rs.getString("instance_name");
                    long alive = rs.getLong("alive");
                    return new InstanceSummary(name, Ids.instanceId(serviceName, name), alive,
                            rs.getLong("total") - alive, rs.getLong("last_seen"));
                }).list());
    }

    @Override
    public List<Agent> findAgents(int offset, int limit, long aliveSince) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT a.id, a.first_seen, a.last_seen,"
                        + " (SELECT COUNT(*) FROM process p WHERE p.agent_id = a.id AND p.last_seen >= :aliveSince)"
                        + " AS processes FROM agent a ORDER BY a.last_seen DESC, a.id LIMIT :limit OFFSET :offset")
                .bind("aliveSince", aliveSince).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new Agent(rs.getString("id"), rs.getLong("first_seen"), rs.getLong("last_seen"),
                        rs.getInt("processes")))
                .list());
    }

    @Override
    public long countProcesses() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM process").mapTo(Long.class).one());
    }

    @Override
    public List<String> processIdsOfAgent(String agentId, long aliveSince) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM process WHERE agent_id = :agent"
                        + " AND last_seen >= :aliveSince ORDER BY id")
                .bind("agent", agentId).bind("aliveSince", aliveSince).mapTo(String.class).list());
    }

    @Override
    public Set<String> servicesRegisteredSince(long since) {
        return Set.copyOf(jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT DISTINCT service_name FROM process WHERE registered_at >= :since")
                .bind("since", since).mapTo(String.class).list()));
    }

    @Override
    public int deleteProcessesLastSeenBefore(long cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM process WHERE last_seen < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    @Override
    public int deleteAgentsLastSeenBefore(long cutoff) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM agent WHERE last_seen < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    private static RegisteredProcess process(ResultSet rs) throws SQLException {
        ProcessEntity entity = new ProcessEntity(rs.getString("layer"), rs.getString("service_name"),
                rs.getString("instance_name"), rs.getString("process_name"),
                Json.read(rs.getString("labels"), LABELS));
        return new RegisteredProcess(rs.getString("id"), entity, DetectType.valueOf(rs.getString("detect_type")),
                rs.getInt("pid"), Json.read(rs.getString("properties"), PROPERTIES), rs.getString("agent_id"),
                rs.getBoolean("ebpf_supported"), rs.getLong("first_seen"), rs.getLong("last_seen"),
                rs.getLong("registered_at"));
    }
}
