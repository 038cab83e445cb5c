package io.groundstation.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.groundstation.registry.Agent;
import io.groundstation.registry.AgentCounts;
import io.groundstation.registry.ServiceQuery;
import io.groundstation.registry.AgentSighting;
import io.groundstation.registry.DetectType;
import io.groundstation.registry.Ids;
import io.groundstation.registry.InstanceSummary;
import io.groundstation.registry.AgentHeartbeat;
import io.groundstation.registry.HeartbeatWrites;
import io.groundstation.registry.HeldProcesses;
import io.groundstation.registry.MemberDigest;
import io.groundstation.registry.Membership;
import io.groundstation.registry.MembershipChange;
import io.groundstation.registry.OtherProcess;
import io.groundstation.registry.ProcessEntity;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.registry.RegistryStore;
import io.groundstation.registry.ServiceSummary;
import io.groundstation.registry.SightedProcess;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The process registry on a JDBC database (SQLite or PostgreSQL). A process's effective last seen joins its agent: see
 * {@link Membership} and {@link #SEEN}.
 */
public final class JdbcRegistryStore implements RegistryStore {

    private static final TypeReference<List<String>> LABELS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> PROPERTIES = new TypeReference<>() { };
    private static final List<String> PROCESS_COLUMNS = List.of("id", "layer", "service_name", "instance_name",
            "process_name", "labels", "properties", "detect_type", "pid", "agent_id", "ebpf_supported",
            "first_seen", "last_seen", "registered_at", "held");
    /** Processes with the agent holding them, whose latest full heartbeat counts as theirs. */
    private static final String PROCESSES = " FROM process p LEFT JOIN agent a ON p.held AND a.id = p.agent_id";
    /** A process's effective last seen, over {@link #PROCESSES}. */
    static final String SEEN = "CASE WHEN a.members_seen > p.last_seen THEN a.members_seen ELSE p.last_seen END";
    private static final String PROCESS_VIEW = "SELECT p.*, " + SEEN + " AS seen" + PROCESSES;
    /** Slow heartbeats of this many agents share a transaction. */
    private static final int AGENTS_PER_TRANSACTION = 100;
    private static final int IN_CHUNK = 1000;

    private final Database database;
    private final Dialect dialect;
    private final String saveRegistration;
    private final String createProcess;
    private final String sightAgent;
    private final GroupCommit<RegistrationWrite> registrations;

    public JdbcRegistryStore(Database database) {
        this.database = database;
        this.dialect = database.dialect();
        Map<String, String> registrationUpdates = new LinkedHashMap<>();
        for (String column : List.of("layer", "labels", "properties", "detect_type", "pid", "agent_id",
                "ebpf_supported", "registered_at", "held")) {
            registrationUpdates.put(column, "NEW." + column);
        }
        String laterLastSeen = dialect.greatest("OLD.last_seen", "NEW.last_seen");
        registrationUpdates.put("last_seen", laterLastSeen);
        this.saveRegistration = Upsert.sql("process", List.of("id"), PROCESS_COLUMNS, registrationUpdates);
        // A heartbeat naming a process another node has just created: the existing row stays as it is.
        this.createProcess = Upsert.sql("process", List.of("id"), PROCESS_COLUMNS, Map.of("last_seen", laterLastSeen));
        // A registration changes what the agent holds: its digest is unknown until its next heartbeat recounts it.
        this.sightAgent = Upsert.sql("agent", List.of("id"),
                List.of("id", "first_seen", "last_seen", "members_seen", "members", "members_hash"),
                Map.of("last_seen", laterLastSeen, "members", "NEW.members"));
        this.registrations = new GroupCommit<>(writes -> database.write(handle -> writeRegistrations(handle, writes)));
    }

    private record RegistrationWrite(AgentSighting agent, List<RegisteredProcess> processes) {
    }

    @Override
    public void saveRegistrations(AgentSighting agent, List<RegisteredProcess> processes) {
        registrations.submit(new RegistrationWrite(agent, processes));
    }

    private void writeRegistrations(Handle handle, List<RegistrationWrite> writes) {
        // The same process or agent twice in one group: the later write wins, as it would one after the other
        // (and PostgreSQL's batched upsert may not touch a row twice). A fixed order keeps nodes from deadlocking.
        Map<String, RegisteredProcess> processes = new TreeMap<>();
        Map<String, AgentSighting> agents = new TreeMap<>();
        for (RegistrationWrite write : writes) {
            write.processes().forEach(p -> processes.put(p.id(), p));
            agents.merge(write.agent().agentId(), write.agent(),
                    (old, fresh) -> fresh.seenAt() >= old.seenAt() ? fresh : old);
        }
        markHoldersStale(handle, List.copyOf(processes.keySet()));
        PreparedBatch batch = handle.prepareBatch(saveRegistration);
        for (RegisteredProcess p : processes.values()) {
            bindProcess(batch, p.id(), p.entity(), p.detectType(), p.pid(), Json.write(p.properties()),
                    p.agentId(), p.ebpfSupported(), p.firstSeen(), p.lastSeen(), p.registeredAt(), true);
            batch.add();
        }
        batch.execute();
        sightAgents(handle, agents.values());
    }

    /** Agents holding any of these processes lose them to a registration: their digests must be recounted. */
    private static void markHoldersStale(Handle handle, List<String> processIds) {
        for (List<String> chunk : Chunks.of(processIds, IN_CHUNK)) {
            handle.createUpdate("UPDATE agent SET members = -1 WHERE members <> -1 AND id IN"
                            + " (SELECT agent_id FROM process WHERE held AND id IN (<ids>))")
                    .bindList("ids", chunk).execute();
        }
    }

    private void sightAgents(Handle handle, Collection<AgentSighting> agents) {
        PreparedBatch batch = handle.prepareBatch(sightAgent);
        for (AgentSighting agent : agents) {
            batch.bind("id", agent.agentId()).bind("first_seen", agent.seenAt()).bind("last_seen", agent.seenAt())
                    .bind("members_seen", 0L).bind("members", MemberDigest.UNKNOWN.count())
                    .bind("members_hash", MemberDigest.UNKNOWN.hash()).add();
        }
        batch.execute();
    }

    /**
     * Heartbeats naming exactly what their agent holds move one agent row each, in one batch; the others (and
     * agents with several heartbeats, written only after an outage) are reconciled agent by agent.
     */
    @Override
    public HeartbeatWrites applyHeartbeats(List<AgentHeartbeat> heartbeats) {
        Map<String, List<AgentHeartbeat>> byAgent = new TreeMap<>();
        for (AgentHeartbeat heartbeat : heartbeats) {
            byAgent.computeIfAbsent(heartbeat.agentId(), id -> new ArrayList<>()).add(heartbeat);
        }
        List<AgentHeartbeat> single = byAgent.values().stream().filter(list -> list.size() == 1)
                .map(list -> list.get(0)).toList();
        List<List<AgentHeartbeat>> slow = new ArrayList<>();
        int moved = 0;
        if (!single.isEmpty()) {
            int[] rows = database.writeResult(handle -> moveAgents(handle, single));
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == 0) {
                    slow.add(List.of(single.get(i)));
                } else {
                    moved++;
                }
            }
        }
        byAgent.values().stream().filter(list -> list.size() > 1).forEach(slow::add);
        slow.sort(Comparator.comparing(list -> list.get(0).agentId()));
        int processRows = 0;
        for (List<List<AgentHeartbeat>> chunk : Chunks.of(slow, AGENTS_PER_TRANSACTION)) {
            processRows += database.writeResult(handle -> chunk.stream().flatMap(List::stream)
                    .mapToInt(h -> reconcile(handle, h)).sum());
        }
        return new HeartbeatWrites(moved, slow.size(), processRows);
    }

    private int[] moveAgents(Handle handle, List<AgentHeartbeat> heartbeats) {
        PreparedBatch batch = handle.prepareBatch("UPDATE agent SET last_seen = "
                + dialect.greatest("last_seen", ":seen") + ", members_seen = " + dialect.greatest("members_seen", ":seen")
                + " WHERE id = :id AND members = :members AND members_hash = :hash");
        for (AgentHeartbeat heartbeat : heartbeats) {
            MemberDigest digest = heartbeat.digest();
            batch.bind("id", heartbeat.agentId()).bind("seen", heartbeat.seenAt()).bind("members", digest.count())
                    .bind("hash", digest.hash()).add();
        }
        return batch.execute();
    }

    /** Returns the number of process rows written. */
    private int reconcile(Handle handle, AgentHeartbeat heartbeat) {
        String agentId = heartbeat.agentId();
        sightAgents(handle, List.of(new AgentSighting(agentId, heartbeat.seenAt())));
        long membersSeen = handle.createQuery("SELECT members_seen FROM agent WHERE id = :id" + dialect.forUpdate())
                .bind("id", agentId).mapTo(Long.class).one();
        Map<String, Boolean> members = new HashMap<>();
        handle.createQuery("SELECT id, ebpf_supported FROM process WHERE agent_id = :id AND held")
                .bind("id", agentId)
                .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getBoolean("ebpf_supported")))
                .forEach(e -> members.put(e.getKey(), e.getValue()));
        List<String> named = heartbeat.processes().stream().map(SightedProcess::id)
                .filter(id -> !members.containsKey(id)).toList();
        Map<String, OtherProcess> others = others(handle, named);
        Set<String> holders = new TreeSet<>();
        others.values().stream().filter(o -> o.held() && !o.agentId().equals(agentId))
                .forEach(o -> holders.add(o.agentId()));
        if (!holders.isEmpty()) {
            // Lock the holders before reading their heartbeat times, so none moves on between the read and the take.
            handle.createQuery("SELECT id FROM agent WHERE id IN (<ids>) ORDER BY id" + dialect.forUpdate())
                    .bindList("ids", List.copyOf(holders)).mapTo(String.class).list();
            others = others(handle, named);
        }
        return apply(handle, heartbeat, Membership.reconcile(heartbeat, new HeldProcesses(membersSeen, members),
                others));
    }

    private static Map<String, OtherProcess> others(Handle handle, List<String> ids) {
        Map<String, OtherProcess> found = new HashMap<>();
        for (List<String> chunk : Chunks.of(ids, IN_CHUNK)) {
            handle.createQuery("SELECT p.id, p.agent_id, p.held, " + SEEN + " AS seen" + PROCESSES
                            + " WHERE p.id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> new OtherProcess(rs.getString("id"), rs.getString("agent_id"),
                            rs.getBoolean("held"), rs.getLong("seen")))
                    .forEach(o -> found.put(o.id(), o));
        }
        return found;
    }

    private int apply(Handle handle, AgentHeartbeat heartbeat, MembershipChange change) {
        String agentId = heartbeat.agentId();
        if (!change.released().isEmpty()) {
            PreparedBatch release = handle.prepareBatch("UPDATE process SET held = FALSE,"
                    + " last_seen = " + dialect.greatest("last_seen", ":seen") + " WHERE id = :id");
            change.released().forEach(id -> release.bind("id", id).bind("seen", change.releasedSeen()).add());
            release.execute();
        }
        if (!change.taken().isEmpty()) {
            PreparedBatch take = handle.prepareBatch("UPDATE process SET agent_id = :agent, held = TRUE,"
                    + " ebpf_supported = :ebpf, last_seen = " + dialect.greatest("last_seen", ":seen")
                    + " WHERE id = :id");
            change.taken().forEach(t -> take.bind("id", t.id()).bind("agent", agentId)
                    .bind("ebpf", t.ebpfSupported()).bind("seen", t.lastSeen()).add());
            take.execute();
        }
        if (!change.created().isEmpty()) {
            PreparedBatch create = handle.prepareBatch(createProcess);
            long at = heartbeat.seenAt();
            for (SightedProcess p : change.created()) {
                bindProcess(create, p.id(), p.entity(), DetectType.UNKNOWN, 0, "{}", agentId, p.ebpfSupported(),
                        at, at, at, change.createdHeld());
                create.add();
            }
            create.execute();
        }
        if (!change.flags().isEmpty()) {
            PreparedBatch flags = handle.prepareBatch("UPDATE process SET ebpf_supported = :ebpf WHERE id = :id");
            change.flags().forEach((id, flag) -> flags.bind("id", id).bind("ebpf", flag).add());
            flags.execute();
        }
        if (!change.credited().isEmpty()) {
            PreparedBatch credit = handle.prepareBatch("UPDATE process SET last_seen = "
                    + dialect.greatest("last_seen", ":seen") + " WHERE id = :id");
            change.credited().forEach(id -> credit.bind("id", id).bind("seen", heartbeat.seenAt()).add());
            credit.execute();
        }
        if (!change.staleAgents().isEmpty()) {
            handle.createUpdate("UPDATE agent SET members = -1 WHERE id IN (<ids>)")
                    .bindList("ids", List.copyOf(change.staleAgents())).execute();
        }
        handle.createUpdate("UPDATE agent SET members_seen = :seen, members = :members, members_hash = :hash"
                        + " WHERE id = :id")
                .bind("id", agentId).bind("seen", change.membersSeen()).bind("members", change.digest().count())
                .bind("hash", change.digest().hash()).execute();
        return change.processRows();
    }

    private static void bindProcess(PreparedBatch batch, String id, ProcessEntity entity, DetectType detectType,
                                    int pid, String properties, String agentId, boolean ebpfSupported,
                                    long firstSeen, long lastSeen, long registeredAt, boolean held) {
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
                .bind("registered_at", registeredAt)
                .bind("held", held);
    }

    @Override
    public Optional<RegisteredProcess> findProcess(String id) {
        return database.read(handle -> handle.createQuery(PROCESS_VIEW + " WHERE p.id = :id")
                .bind("id", id).map((rs, ctx) -> process(rs)).findOne());
    }

    @Override
    public long countAliveProcessesOfAgent(String agentId, long aliveSince) {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*)" + PROCESSES
                + " WHERE p.agent_id = :agent AND " + SEEN + " >= :since").bind("agent", agentId).bind("since", aliveSince).mapTo(Long.class).one());
    }

    @Override
    public boolean hasService(String serviceName) {
        return database.read(handle -> handle.createQuery("SELECT 1 FROM process WHERE service_name = :service"
                + " LIMIT 1").bind("service", serviceName).mapTo(Integer.class).findOne().isPresent());
    }

    @Override
    public long countServices() {
        return database.read(handle -> handle.createQuery("SELECT COUNT(DISTINCT service_name) FROM process")
                .mapTo(Long.class).one());
    }

    @Override
    public Map<String, RegisteredProcess> findProcesses(Collection<String> ids) {
        Map<String, RegisteredProcess> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        List<String> all = List.copyOf(ids);
        return database.read(handle -> {
            // Chunks keep the IN list within what every database takes.
            for (List<String> chunk : Chunks.of(all, IN_CHUNK)) {
                handle.createQuery(PROCESS_VIEW + " WHERE p.id IN (<ids>)")
                        .bindList("ids", chunk)
                        .map((rs, ctx) -> process(rs)).forEach(p -> found.put(p.id(), p));
            }
            return found;
        });
    }

    @Override
    public List<RegisteredProcess> findProcesses(ProcessQuery query, long aliveSince) {
        return database.read(handle -> conditions(query, aliveSince).page(handle, PROCESS_VIEW,
                        "p.service_name, p.instance_name, p.process_name, p.id", query.offset(), query.limit())
                .map((rs, ctx) -> process(rs)).list());
    }

    @Override
    public long countProcesses(ProcessQuery query, long aliveSince) {
        return database.read(handle -> conditions(query, aliveSince).query(handle, "SELECT COUNT(*)" + PROCESSES, "")
                .mapTo(Long.class).one());
    }

    private static Conditions conditions(ProcessQuery query, long aliveSince) {
        return new Conditions()
                .add("p.service_name = :service", "service", query.serviceName())
                .add("p.instance_name = :instance", "instance", query.instanceName())
                .add(SEEN + " >= :aliveSince", "aliveSince", query.state() == ProcessState.ALIVE ? aliveSince : null)
                .add(SEEN + " < :aliveSince", "aliveSince", query.state() == ProcessState.DEAD ? aliveSince : null);
    }

    @Override
    public List<ServiceSummary> summarizeServices(long aliveSince) {
        return database.read(handle -> {
            Map<String, Integer> instances = new LinkedHashMap<>();
            handle.createQuery("SELECT service_name, COUNT(DISTINCT instance_name) AS n FROM process"
                            + " GROUP BY service_name")
                    .map((rs, ctx) -> Map.entry(rs.getString("service_name"), rs.getInt("n")))
                    .forEach(e -> instances.put(e.getKey(), e.getValue()));
            List<LayerCount> counts = handle.createQuery("SELECT p.service_name, p.layer,"
                            + " SUM(CASE WHEN " + SEEN + " >= :aliveSince THEN 1 ELSE 0 END) AS alive,"
                            + " COUNT(*) AS total" + PROCESSES
                            + " GROUP BY p.service_name, p.layer ORDER BY p.service_name, p.layer")
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

    @Override
    public List<ServiceSummary> summarizeServices(ServiceQuery query, long aliveSince) {
        String order = switch (query.order()) {
            case NAME -> "service_name";
            case INSTANCES -> "instances";
            case ALIVE -> "alive";
            case DEAD -> "total - alive";
        };
        String direction = query.descending() ? " DESC" : "";
        Conditions search = serviceSearch(query.search());
        return database.read(handle -> {
            // Grouped in a derived table so the outer ORDER BY can compute on its columns on both databases.
            List<ServiceSummary> page = search.query(handle, "SELECT * FROM (SELECT p.service_name,"
                            + " COUNT(DISTINCT p.instance_name) AS instances,"
                            + " SUM(CASE WHEN " + SEEN + " >= :aliveSince THEN 1 ELSE 0 END) AS alive,"
                            + " COUNT(*) AS total" + PROCESSES,
                            " GROUP BY p.service_name) s ORDER BY " + order + direction
                            + (query.order() == ServiceQuery.ServiceOrder.NAME ? "" : ", service_name")
                            + " LIMIT :limit OFFSET :offset")
                    .bind("aliveSince", aliveSince).bind("limit", query.limit()).bind("offset", query.offset())
                    .map((rs, ctx) -> new ServiceSummary(rs.getString("service_name"),
                            Ids.serviceId(rs.getString("service_name")), Set.of(), rs.getInt("instances"),
                            rs.getLong("alive"), rs.getLong("total") - rs.getLong("alive")))
                    .list();
            if (page.isEmpty()) {
                return page;
            }
            Map<String, Set<String>> layers = new LinkedHashMap<>();
            handle.createQuery("SELECT DISTINCT service_name, layer FROM process WHERE service_name IN (<names>)")
                    .bindList("names", page.stream().map(ServiceSummary::name).toList())
                    .map((rs, ctx) -> Map.entry(rs.getString("service_name"), rs.getString("layer")))
                    .forEach(e -> layers.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue()));
            return page.stream().map(s -> new ServiceSummary(s.name(), s.id(), layers.getOrDefault(s.name(), Set.of()),
                    s.instances(), s.aliveProcesses(), s.deadProcesses())).toList();
        });
    }

    @Override
    public long countServices(String search) {
        return database.read(handle -> serviceSearch(search).query(handle, "SELECT COUNT(DISTINCT p.service_name)"
                + " FROM process p", "").mapTo(Long.class).one());
    }

    /** Names compared in lower case: LOWER folds ASCII alike on both databases. */
    private Conditions serviceSearch(String search) {
        return new Conditions().add(dialect.contains("LOWER(p.service_name)", ":search"), "search",
                search == null ? null : search.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public AgentCounts countAgents(long aliveSince) {
        return database.read(handle -> handle.createQuery("SELECT"
                        + " SUM(CASE WHEN last_seen >= :aliveSince THEN 1 ELSE 0 END) AS alive, COUNT(*) AS total"
                        + " FROM agent").bind("aliveSince", aliveSince)
                .map((rs, ctx) -> new AgentCounts(rs.getLong("alive"), rs.getLong("total") - rs.getLong("alive")))
                .one());
    }

    private record LayerCount(String service, String layer, long alive, long total) {
        ServiceSummary toSummary(int instances) {
            return new ServiceSummary(service, Ids.serviceId(service), Set.of(layer), instances, alive, total - alive);
        }
    }

    @Override
    public List<InstanceSummary> summarizeInstances(String serviceName, long aliveSince) {
        return database.read(handle -> handle.createQuery("SELECT p.instance_name,"
                        + " SUM(CASE WHEN " + SEEN + " >= :aliveSince THEN 1 ELSE 0 END) AS alive, COUNT(*) AS total,"
                        + " MAX(" + SEEN + ") AS last_seen" + PROCESSES + " WHERE p.service_name = :service"
                        + " GROUP BY p.instance_name ORDER BY p.instance_name")
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
        return database.read(handle -> handle.createQuery("SELECT a.id, a.first_seen, a.last_seen,"
                        + " (SELECT COUNT(*) FROM process p WHERE p.agent_id = a.id AND (p.last_seen >= :aliveSince"
                        + " OR p.held AND a.members_seen >= :aliveSince))"
                        + " AS processes FROM agent a ORDER BY a.last_seen DESC, a.id LIMIT :limit OFFSET :offset")
                .bind("aliveSince", aliveSince).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new Agent(rs.getString("id"), rs.getLong("first_seen"), rs.getLong("last_seen"),
                        rs.getInt("processes")))
                .list());
    }

    @Override
    public long countProcesses() {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM process").mapTo(Long.class).one());
    }

    @Override
    public List<String> processIdsOfAgent(String agentId, long aliveSince) {
        return database.read(handle -> handle.createQuery("SELECT p.id" + PROCESSES + " WHERE p.agent_id = :agent"
                        + " AND " + SEEN + " >= :aliveSince ORDER BY p.id")
                .bind("agent", agentId).bind("aliveSince", aliveSince).mapTo(String.class).list());
    }

    @Override
    public Set<String> servicesRegisteredSince(long since) {
        // Without DISTINCT, and the duplicates dropped here: with it, SQLite walks the whole covering index on
        // (service_name, registered_at) instead of the few rows of the range on process_registered (25 ms every
        // refresh at 150 000 processes; EXPLAIN QUERY PLAN, BENCHMARKS.md).
        return Set.copyOf(database.read(handle -> handle.createQuery(
                        "SELECT service_name FROM process WHERE registered_at >= :since")
                .bind("since", since).mapTo(String.class).list()));
    }

    @Override
    public int deleteProcessesLastSeenBefore(long cutoff) {
        return database.writeResult(handle -> handle.createUpdate("DELETE FROM process WHERE last_seen < :cutoff"
                        + " AND NOT EXISTS (SELECT 1 FROM agent a WHERE process.held AND a.id = process.agent_id"
                        + " AND a.members_seen >= :cutoff)")
                .bind("cutoff", cutoff).execute());
    }

    @Override
    public int deleteAgentsLastSeenBefore(long cutoff) {
        return database.writeResult(handle -> {
            // What the agent's heartbeats said of its processes stays with them once the agent row is gone.
            handle.createUpdate("UPDATE process SET held = FALSE, last_seen = " + dialect.greatest("last_seen",
                            "(SELECT a.members_seen FROM agent a WHERE a.id = process.agent_id)")
                            + " WHERE held AND agent_id IN (SELECT id FROM agent WHERE last_seen < :cutoff)")
                    .bind("cutoff", cutoff).execute();
            return handle.createUpdate("DELETE FROM agent WHERE last_seen < :cutoff").bind("cutoff", cutoff)
                    .execute();
        });
    }

    private static RegisteredProcess process(ResultSet rs) throws SQLException {
        ProcessEntity entity = new ProcessEntity(rs.getString("layer"), rs.getString("service_name"),
                rs.getString("instance_name"), rs.getString("process_name"),
                Json.read(rs.getString("labels"), LABELS));
        return new RegisteredProcess(rs.getString("id"), entity, DetectType.valueOf(rs.getString("detect_type")),
                rs.getInt("pid"), Json.read(rs.getString("properties"), PROPERTIES), rs.getString("agent_id"),
                rs.getBoolean("ebpf_supported"), rs.getLong("first_seen"), rs.getLong("seen"),
                rs.getLong("registered_at"));
    }
}
