package io.groundstation.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.groundstation.network.BucketKey;
import io.groundstation.network.Endpoint;
import io.groundstation.network.Link;
import io.groundstation.network.MeterBatch;
import io.groundstation.network.MeterKey;
import io.groundstation.network.MeterSlice;
import io.groundstation.network.MeterTotal;
import io.groundstation.network.NetworkStore;
import io.groundstation.network.Peer;
import io.groundstation.network.ReportedTrace;
import io.groundstation.network.Sample;
import io.groundstation.network.SampleQuery;
import io.groundstation.network.StoredEvent;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What NETWORK tasks send back, on a JDBC database: meters and buckets summed per slice, samples, events. */
public final class JdbcNetworkStore implements NetworkStore {

    private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() { };
    private static final List<String> LINK_COLUMNS = List.of("task_id", "process_id", "peer_kind", "peer", "side",
            "protocol", "ssl", "slice_start", "meter");
    private static final String LINK = "process_id, peer_kind, peer, side, protocol, ssl";
    private static final String LINK_SELECT = LINK + ", meter";

    private static final String ADD_METER = Upsert.positional("network_meter", with(LINK_COLUMNS, "code"),
            with(LINK_COLUMNS, "code", "total", "weight"),
            Map.of("total", "OLD.total + NEW.total", "weight", "OLD.weight + NEW.weight"));
    private static final String ADD_BUCKET = Upsert.positional("network_histogram", with(LINK_COLUMNS, "bucket"),
            with(LINK_COLUMNS, "bucket", "hits"), Map.of("hits", "OLD.hits + NEW.hits"));
    private static final String ADD_SAMPLE = Upsert.sql("network_sample",
            List.of("task_id", "trace_id", "process_id", "detect_point", "reason"),
            List.of("task_id", "trace_id", "process_id", "detect_point", "reason", "sampled_at", "uri",
                    "latency_ms", "status", "trace_provider", "component", "ssl", "client_peer", "server_peer"),
            Map.of());

    private static final String ADD_CONTENT = Upsert.sql("network_content", List.of("task_id"),
            List.of("task_id", "bytes"), Map.of("bytes", "OLD.bytes + NEW.bytes"));

    private final Database database;
    private final Dialect dialect;

    public JdbcNetworkStore(Database database) {
        this.database = database;
        this.dialect = database.dialect();
    }

    private static List<String> with(List<String> columns, String... more) {
        List<String> all = new ArrayList<>(columns);
        all.addAll(List.of(more));
        return all;
    }

    @Override
    public void addMeters(MeterBatch batch) {
        List<Map.Entry<MeterKey, MeterTotal>> values = new ArrayList<>(batch.values().entrySet());
        List<Map.Entry<BucketKey, Long>> buckets = new ArrayList<>(batch.buckets().entrySet());
        // Sorted keys on PostgreSQL: two nodes writing overlapping reports take row locks in the same order. SQLite's
        // writes take turns, so there is no order to keep (the sort was 3 % of the server's CPU at 3 000 agents).
        if (dialect == Dialect.POSTGRESQL) {
            values.sort(Map.Entry.comparingByKey(MeterKey.ORDER));
            buckets.sort(Map.Entry.comparingByKey(BucketKey.ORDER));
        }
        // Plain JDBC batches: Jdbi's binding by name (a lookup and an argument factory per value) was about a third
        // of this write's CPU at 10 000 agents, the statements' own work in SQLite about as much (JFR, BENCHMARKS.md).
        database.writeBulk(handle -> {
            try {
                executeBatch(handle.getConnection(), ADD_METER, values, (statement, value) -> {
                    int next = bindSlice(statement, value.getKey());
                    statement.setString(next, value.getKey().code());
                    statement.setDouble(next + 1, value.getValue().total());
                    statement.setDouble(next + 2, value.getValue().weight());
                });
                executeBatch(handle.getConnection(), ADD_BUCKET, buckets, (statement, bucket) -> {
                    int next = bindSlice(statement, bucket.getKey());
                    statement.setDouble(next, bucket.getKey().bucket());
                    statement.setLong(next + 1, bucket.getValue());
                });
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        });
    }

    @FunctionalInterface
    private interface RowBinder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private static <T> void executeBatch(Connection connection, String sql, List<T> rows, RowBinder<T> binder)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Binds {@link #LINK_COLUMNS} from the first parameter on; returns the next parameter's index. */
    private static int bindSlice(PreparedStatement statement, MeterSlice slice) throws SQLException {
        Link link = slice.link();
        statement.setString(1, slice.taskId());
        statement.setString(2, link.processId());
        statement.setString(3, link.peer().kind().name().toLowerCase(java.util.Locale.ROOT));
        statement.setString(4, link.peer().value());
        statement.setString(5, link.side());
        statement.setString(6, link.protocol());
        statement.setInt(7, link.ssl() ? 1 : 0);
        statement.setLong(8, slice.sliceStart());
        statement.setString(9, slice.meter());
        return LINK_COLUMNS.size() + 1;
    }

    @Override
    public void addSamples(List<Sample> samples) {
        database.writeBulk(handle -> {
            PreparedBatch batch = handle.prepareBatch(ADD_SAMPLE);
            for (Sample sample : samples) {
                ReportedTrace t = sample.trace();
                batch.bind("task_id", sample.taskId()).bind("trace_id", t.traceId())
                        .bind("process_id", sample.processId()).bind("detect_point", t.detectPoint())
                        .bind("reason", t.reason()).bind("sampled_at", t.time()).bind("uri", t.uri())
                        .bind("latency_ms", t.latencyMs()).bind("status", t.status())
                        .bind("trace_provider", t.traceProvider()).bind("component", t.component())
                        .bind("ssl", t.ssl()).bind("client_peer", Json.write(t.client()))
                        .bind("server_peer", Json.write(t.server())).add();
            }
            batch.execute();
        });
    }

    @Override
    public void addEvents(List<StoredEvent> events) {
        database.writeBulk(handle -> {
            // Ids in arrival order (events of one millisecond read back as they came), numbered here: no column
            // type numbers rows on both databases. PostgreSQL's writers of events take turns, as SQLite's all do.
            if (dialect == Dialect.POSTGRESQL) {
                handle.execute("LOCK TABLE network_event IN EXCLUSIVE MODE");
            }
            long id = handle.createQuery("SELECT COALESCE(MAX(id), 0) FROM network_event").mapTo(Long.class).one();
            PreparedBatch batch = handle.prepareBatch("INSERT INTO network_event (id, task_id, trace_id, process_id,"
                    + " event, start_time, end_time, segment_id, span_id, tags, content, content_bytes,"
                    + " content_truncated, content_dropped) VALUES (:id, :task_id, :trace_id, :process_id, :event,"
                    + " :start_time, :end_time, :segment_id, :span_id, :tags, :content, :content_bytes,"
                    + " :content_truncated, :content_dropped)");
            for (StoredEvent e : events) {
                batch.bind("id", ++id).bind("task_id", e.taskId()).bind("trace_id", e.traceId())
                        .bind("process_id", e.processId())
                        .bind("event", e.name()).bind("start_time", e.startTime()).bind("end_time", e.endTime())
                        .bind("segment_id", e.segmentId()).bind("span_id", e.spanId())
                        .bind("tags", Json.write(e.tags())).bind("content", e.content())
                        .bind("content_bytes", e.contentBytes()).bind("content_truncated", e.contentTruncated())
                        .bind("content_dropped", e.contentDropped()).add();
            }
            batch.execute();
            Map<String, Long> bytes = new TreeMap<>();
            events.forEach(e -> bytes.merge(e.taskId(), e.contentBytes(), Long::sum));
            PreparedBatch content = handle.prepareBatch(ADD_CONTENT);
            bytes.forEach((task, sum) -> content.bind("task_id", task).bind("bytes", sum).add());
            content.execute();
        });
    }

    @Override
    public Map<String, Long> contentBytes(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        return database.read(handle -> handle.createQuery(
                        "SELECT task_id, bytes FROM network_content WHERE task_id IN (<tasks>)")
                .bindList("tasks", taskIds)
                .map((rs, ctx) -> Map.entry(rs.getString("task_id"), rs.getLong("bytes"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @Override
    public List<LinkMeter> meters(String taskId, Long from, Long to) {
        return sumsPerLink("network_meter", "code", "SUM(total) AS total, SUM(weight) AS weight", taskId, from, to,
                (rs, ctx) -> new LinkMeter(link(rs), rs.getString("meter"), rs.getString("code"),
                        new MeterTotal(rs.getDouble("total"), rs.getDouble("weight"))));
    }

    @Override
    public List<Link> links(String taskId, Long from, Long to) {
        return database.read(handle -> slices(taskId, from, to)
                .query(handle, "SELECT DISTINCT " + LINK + " FROM network_meter", "")
                .map((rs, ctx) -> link(rs)).list());
    }

    @Override
    public List<LinkBucket> buckets(String taskId, Long from, Long to) {
        return sumsPerLink("network_histogram", "bucket", "SUM(hits) AS hits", taskId, from, to,
                (rs, ctx) -> new LinkBucket(link(rs), rs.getString("meter"), rs.getDouble("bucket"),
                        rs.getLong("hits")));
    }

    /** {@code sums} over a task's slices in [from, to) of {@code table}, per link, meter and {@code key}, in order. */
    private <T> List<T> sumsPerLink(String table, String key, String sums, String taskId, Long from, Long to,
                                    RowMapper<T> row) {
        String perKey = LINK_SELECT + ", " + key;
        return database.read(handle -> slices(taskId, from, to).query(handle, "SELECT " + perKey + ", " + sums
                + " FROM " + table, " GROUP BY " + perKey + " ORDER BY " + perKey).map(row).list());
    }

    private static Conditions slices(String taskId, Long from, Long to) {
        return new Conditions().add("task_id = :task", "task", Objects.requireNonNull(taskId))
                .add("slice_start >= :from", "from", from)
                .add("slice_start < :to", "to", to);
    }

    private static Link link(ResultSet rs) throws SQLException {
        Peer.Kind kind = Peer.Kind.valueOf(rs.getString("peer_kind").toUpperCase(java.util.Locale.ROOT));
        return new Link(rs.getString("process_id"), new Peer(kind, rs.getString("peer")), rs.getString("side"),
                rs.getString("protocol"), rs.getInt("ssl") == 1);
    }

    @Override
    public List<Sample> samples(String taskId, SampleQuery query) {
        return database.read(handle -> conditions(taskId, query).page(handle, "SELECT * FROM network_sample",
                        "sampled_at DESC, trace_id, process_id, detect_point, reason", query.offset(), query.limit())
                .map((rs, ctx) -> sample(rs)).list());
    }

    @Override
    public long countSamples(String taskId, SampleQuery query) {
        return database.read(handle -> conditions(taskId, query)
                .query(handle, "SELECT COUNT(*) FROM network_sample", "").mapTo(Long.class).one());
    }

    private Conditions conditions(String taskId, SampleQuery query) {
        return new Conditions().add("task_id = :task", "task", Objects.requireNonNull(taskId))
                .add("reason = :reason", "reason", query.reason())
                .add(dialect.contains("uri", ":uri"), "uri", query.uri())
                .add("status = :status", "status", query.status())
                .add("sampled_at >= :from", "from", query.from())
                .add("sampled_at < :to", "to", query.to());
    }

    @Override
    public List<Sample> samplesOfTrace(String taskId, String traceId) {
        return database.read(handle -> handle.createQuery("SELECT * FROM network_sample WHERE task_id = :task"
                        + " AND trace_id = :trace ORDER BY sampled_at, process_id, detect_point, reason")
                .bind("task", taskId).bind("trace", traceId).map((rs, ctx) -> sample(rs)).list());
    }

    private static Sample sample(ResultSet rs) throws SQLException {
        return new Sample(rs.getString("task_id"), rs.getString("process_id"), new ReportedTrace("", "",
                rs.getLong("sampled_at"), rs.getString("trace_id"), rs.getString("uri"), rs.getString("reason"),
                rs.getLong("latency_ms"), rs.getInt("status"), rs.getString("trace_provider"),
                Json.read(rs.getString("client_peer"), new TypeReference<Endpoint>() { }),
                Json.read(rs.getString("server_peer"), new TypeReference<Endpoint>() { }),
                rs.getString("detect_point"), rs.getString("component"), rs.getBoolean("ssl")));
    }

    @Override
    public List<StoredEvent> eventsOfTrace(String taskId, String traceId) {
        return database.read(handle -> handle.createQuery("SELECT * FROM network_event WHERE task_id = :task"
                        + " AND trace_id = :trace ORDER BY start_time, id")
                .bind("task", taskId).bind("trace", traceId)
                .map((rs, ctx) -> new StoredEvent(rs.getString("task_id"), rs.getString("process_id"),
                        rs.getString("trace_id"), rs.getString("event"), rs.getLong("start_time"),
                        rs.getLong("end_time"), rs.getString("segment_id"), rs.getString("span_id"),
                        Json.read(rs.getString("tags"), TAGS), rs.getString("content"), rs.getLong("content_bytes"),
                        rs.getBoolean("content_truncated"), rs.getBoolean("content_dropped"))).list());
    }

    @Override
    public int deleteOf(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return 0;
        }
        return database.writeResult(handle -> {
            int deleted = 0;
            for (String table : List.of("network_meter", "network_histogram", "network_sample", "network_event",
                    "network_content")) {
                deleted += handle.createUpdate("DELETE FROM " + table + " WHERE task_id IN (<ids>)")
                        .bindList("ids", taskIds).execute();
            }
            return deleted;
        });
    }
}
