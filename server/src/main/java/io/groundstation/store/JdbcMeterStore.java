package io.groundstation.store;

import io.groundstation.meter.ContinuousMetric;
import io.groundstation.meter.MeterPoint;
import io.groundstation.meter.MeterStore;
import io.groundstation.meter.SeriesQuery;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Continuous-profiling metrics on a JDBC database (SQLite or PostgreSQL): plain inserts, range reads by index. */
public final class JdbcMeterStore implements MeterStore {

    /** Bound parameters per IN list, well under every driver's limit. */
    private static final int IN_CHUNK = 500;
    private static final String COLUMNS = "m.process_id, m.metric, m.uri, m.ts, m.seq, m.val";
    private static final String IN_RANGE = " AND m.metric IN (<metrics>) AND m.ts >= :from AND m.ts < :to";
    private static final String ORDER = " ORDER BY m.ts, m.metric, m.uri, m.process_id, m.seq LIMIT :max";

    private final Database database;

    public JdbcMeterStore(Database database) {
        this.database = database;
    }

    @Override
    public void append(List<MeterPoint> points) {
        database.writeBulk(handle -> {
            PreparedBatch batch = handle.prepareBatch(
                    "INSERT INTO meter_point (process_id, metric, uri, ts, seq, val)"
                            + " VALUES (:process_id, :metric, :uri, :ts, :seq, :val)");
            for (MeterPoint point : points) {
                batch.bind("process_id", point.processId()).bind("metric", code(point.metric()))
                        .bind("uri", point.uri()).bind("ts", point.timestamp()).bind("seq", point.seq())
                        .bind("val", point.value()).add();
            }
            batch.execute();
        });
    }

    @Override
    public List<MeterPoint> findOfProcess(String processId, SeriesQuery query, int max) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM meter_point m"
                        + " WHERE m.process_id = :process" + IN_RANGE + ORDER)
                .bind("process", processId).bindList("metrics", codes(query)).bind("from", query.from())
                .bind("to", query.to()).bind("max", max)
                .map((rs, ctx) -> point(rs)).list());
    }

    /** Joins the registry's process table: the processes of a service are the registered ones. */
    @Override
    public List<MeterPoint> findOfService(String serviceName, SeriesQuery query, int max) {
        return database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM process p"
                        + " JOIN meter_point m ON m.process_id = p.id WHERE p.service_name = :service" + IN_RANGE
                        + ORDER)
                .bind("service", serviceName).bindList("metrics", codes(query)).bind("from", query.from())
                .bind("to", query.to()).bind("max", max)
                .map((rs, ctx) -> point(rs)).list());
    }

    @Override
    public List<MeterPoint> findNewest(Collection<String> processIds, long since) {
        List<String> ids = List.copyOf(processIds);
        List<MeterPoint> points = new ArrayList<>();
        for (List<String> chunk : Chunks.of(ids, IN_CHUNK)) {
            points.addAll(database.read(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM meter_point m"
                            + " JOIN (SELECT process_id, metric, uri, MAX(ts) AS ts FROM meter_point"
                            + " WHERE process_id IN (<ids>) AND ts >= :since GROUP BY process_id, metric, uri) n"
                            + " ON m.process_id = n.process_id AND m.metric = n.metric AND m.uri = n.uri"
                            + " AND m.ts = n.ts")
                    .bindList("ids", chunk).bind("since", since)
                    .map((rs, ctx) -> point(rs)).list()));
        }
        return points;
    }

    @Override
    public int deleteOlderThan(long cutoff) {
        return database.writeResult(handle -> handle.createUpdate("DELETE FROM meter_point WHERE ts < :cutoff")
                .bind("cutoff", cutoff).execute());
    }

    private static List<Short> codes(SeriesQuery query) {
        return query.metrics().stream().map(JdbcMeterStore::code).toList();
    }

    /** Stored codes: fixed forever, independent of the enum's order. */
    private static short code(ContinuousMetric metric) {
        return switch (metric) {
            case PROCESS_CPU -> 1;
            case PROCESS_THREAD_COUNT -> 2;
            case SYSTEM_LOAD -> 3;
            case HTTP_ERROR_RATE -> 4;
            case HTTP_AVG_RESPONSE_TIME -> 5;
        };
    }

    private static ContinuousMetric metric(short code) {
        for (ContinuousMetric metric : ContinuousMetric.values()) {
            if (code(metric) == code) {
                return metric;
            }
        }
        throw new IllegalStateException("unknown metric code " + code + " in meter_point");
    }

    private static MeterPoint point(ResultSet rs) throws SQLException {
        return new MeterPoint(rs.getString("process_id"), metric(rs.getShort("metric")), rs.getString("uri"),
                rs.getLong("ts"), rs.getInt("seq"), rs.getDouble("val"));
    }
}
