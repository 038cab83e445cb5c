package io.groundstation.bench.store;

import io.groundstation.bench.store.SoakMetrics.RowKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema and the statements of the write path under test, on one JDBC connection used by one thread. The
 * {@code process} table is the server's (V1 with V6's dropped index); the {@code agent} table is the narrow one the
 * new write path keeps per agent.
 */
final class SoakStore implements AutoCloseable {

    private static final String[] SCHEMA = {
        "CREATE TABLE process (id VARCHAR(64) PRIMARY KEY, layer VARCHAR NOT NULL, service_name VARCHAR NOT NULL,"
                + " instance_name VARCHAR NOT NULL, process_name VARCHAR NOT NULL, labels VARCHAR NOT NULL,"
                + " properties VARCHAR NOT NULL, detect_type VARCHAR(16) NOT NULL, pid INTEGER NOT NULL,"
                + " agent_id VARCHAR NOT NULL, ebpf_supported BOOLEAN NOT NULL, first_seen BIGINT NOT NULL,"
                + " last_seen BIGINT NOT NULL, registered_at BIGINT NOT NULL)",
        "CREATE INDEX process_service_instance ON process (service_name, instance_name)",
        "CREATE INDEX process_agent ON process (agent_id)",
        "CREATE INDEX process_service_registered ON process (service_name, registered_at)",
        "CREATE TABLE agent (id VARCHAR(36) PRIMARY KEY, last_seen BIGINT NOT NULL, members INT NOT NULL,"
                + " members_hash BIGINT NOT NULL)",
    };
    private static final String INSERT_PROCESS = "INSERT INTO process (id, layer, service_name, instance_name,"
            + " process_name, labels, properties, detect_type, pid, agent_id, ebpf_supported, first_seen, last_seen,"
            + " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'KUBERNETES', ?, ?, ?, ?, ?, ?)";

    private final Connection connection;
    private final PreparedStatement insertProcess;
    private final PreparedStatement insertAgent;
    private final PreparedStatement beatUnchanged;
    private final PreparedStatement beatChanged;
    private final PreparedStatement processGone;
    private final PreparedStatement processTouch;
    private final PreparedStatement oldAgentTouch;
    private final PreparedStatement deleteProcess;
    private final SoakMetrics metrics;
    private final List<String> afterCommitSql;

    /**
     * @param afterCommitSql run after each soak commit, inside what is timed: H2's {@code CHECKPOINT} makes a commit
     *                       durable when WRITE_DELAY lets the background writer (and its compaction) run
     */
    SoakStore(String url, String user, String password, List<String> initSql, List<String> afterCommitSql,
              boolean createSchema, SoakMetrics metrics) throws SQLException {
        this.metrics = metrics;
        this.afterCommitSql = afterCommitSql;
        this.connection = DriverManager.getConnection(url, user, password);
        try (Statement statement = connection.createStatement()) {
            for (String sql : initSql) {
                statement.execute(sql);
            }
        }
        if (createSchema) {
            try (Statement statement = connection.createStatement()) {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
            }
        }
        connection.setAutoCommit(false);
        insertProcess = connection.prepareStatement(INSERT_PROCESS);
        insertAgent = connection.prepareStatement(
                "INSERT INTO agent (id, last_seen, members, members_hash) VALUES (?, ?, ?, ?)");
        beatUnchanged = connection.prepareStatement(
                "UPDATE agent SET last_seen = ? WHERE id = ? AND members_hash = ? AND members = ?");
        beatChanged = connection.prepareStatement(
                "UPDATE agent SET last_seen = ?, members = ?, members_hash = ? WHERE id = ?");
        processGone = connection.prepareStatement("UPDATE process SET last_seen = ? WHERE id = ?");
        // today's keep-alive: last_seen only ever moves forward (GREATEST on H2, spelled portably)
        processTouch = connection.prepareStatement(
                "UPDATE process SET last_seen = CASE WHEN ? > last_seen THEN ? ELSE last_seen END WHERE id = ?");
        oldAgentTouch = connection.prepareStatement("UPDATE agent SET last_seen = ? WHERE id = ?");
        deleteProcess = connection.prepareStatement("DELETE FROM process WHERE id = ?");
    }

    /** The fleet as it is before the soak starts, in transactions of about {@code batchRows} rows. */
    void load(SoakFleet fleet, long seenAt, int batchRows) throws SQLException {
        int[] inBatch = {0};
        try {
            fleet.populate(seenAt, agent -> {
                try {
                    addBatch(insertAgent, agent.id(), agent.seenAt(), agent.members(), agent.membersHash());
                    for (SoakRow row : agent.rows()) {
                        bindProcess(row, seenAt);
                    }
                    inBatch[0] += agent.rows().size();
                    if (inBatch[0] >= batchRows) {
                        insertAgent.executeBatch();
                        insertProcess.executeBatch();
                        connection.commit();
                        inBatch[0] = 0;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
        insertAgent.executeBatch();
        insertProcess.executeBatch();
        connection.commit();
    }

    /** One group commit of new processes, durable when this returns. */
    void register(List<SoakWork.Registration> registrations) throws SQLException {
        for (SoakWork.Registration registration : registrations) {
            bindProcess(registration.row(), registration.seenAt());
        }
        insertProcess.executeBatch();
        commitDurably();
        metrics.wrote(RowKind.PROCESS_INSERT, registrations.size());
        metrics.registrationCommits.increment();
    }

    /** One flush transaction: every heartbeat's agent row, every gone process, every old-style touch. */
    void flush(SoakWork.Flush flush) throws SQLException {
        int unchanged = 0;
        int changed = 0;
        for (SoakWork.Beat beat : flush.beats()) {
            if (flush.touches().isEmpty()) {
                if (beat.changed()) {
                    addBatch(beatChanged, beat.seenAt(), beat.members(), beat.membersHash(), beat.agentId());
                    changed++;
                } else {
                    addBatch(beatUnchanged, beat.seenAt(), beat.agentId(), beat.membersHash(), beat.members());
                    unchanged++;
                }
            } else {
                addBatch(oldAgentTouch, beat.seenAt(), beat.agentId());
                unchanged++;
            }
        }
        for (SoakWork.Sighting gone : flush.gone()) {
            addBatch(processGone, gone.at(), gone.processId());
        }
        for (SoakWork.Sighting touch : flush.touches()) {
            addBatch(processTouch, touch.at(), touch.at(), touch.processId());
        }
        long matched = 0;
        if (changed > 0) {
            matched += sum(beatChanged.executeBatch());
        }
        if (unchanged > 0) {
            matched += sum(flush.touches().isEmpty() ? beatUnchanged.executeBatch() : oldAgentTouch.executeBatch());
        }
        if (!flush.gone().isEmpty()) {
            processGone.executeBatch();
        }
        if (!flush.touches().isEmpty()) {
            processTouch.executeBatch();
        }
        commitDurably();
        metrics.mismatches.add(changed + unchanged - matched);
        metrics.wrote(RowKind.AGENT_UPDATE, changed + unchanged);
        metrics.wrote(RowKind.PROCESS_UPDATE, flush.gone().size() + flush.touches().size());
        metrics.flushes.increment();
    }

    void purge(List<String> processIds) throws SQLException {
        for (String id : processIds) {
            addBatch(deleteProcess, id);
        }
        long deleted = sum(deleteProcess.executeBatch());
        commitDurably();
        metrics.wrote(RowKind.PROCESS_DELETE, deleted);
    }

    private void commitDurably() throws SQLException {
        connection.commit();
        if (!afterCommitSql.isEmpty()) {
            execute(afterCommitSql);
        }
    }

    void execute(List<String> sql) throws SQLException {
        finish(sql);
        connection.setAutoCommit(false);
    }

    /** Statements in auto-commit, which may end the connection (H2's SHUTDOWN COMPACT) when nothing follows. */
    void finish(List<String> sql) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }

    long countProcesses() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM process")) {
            rs.next();
            long count = rs.getLong(1);
            connection.commit();
            return count;
        }
    }

    private void bindProcess(SoakRow row, long seenAt) throws SQLException {
        addBatch(insertProcess, row.id(), row.layer(), row.serviceName(), row.instanceName(), row.processName(),
                row.labels(), row.properties(), row.pid(), row.agentId(), row.ebpfSupported(), seenAt, seenAt, seenAt);
    }

    /** One row of the statement's batch: the values bound to its parameters in order. */
    private static void addBatch(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int count : counts) {
            total += count == Statement.SUCCESS_NO_INFO ? 1 : count;
        }
        return total;
    }

    @Override
    public void close() throws SQLException {
        if (!connection.isClosed()) {
            connection.close();
        }
    }
}
