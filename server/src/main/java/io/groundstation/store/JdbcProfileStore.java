package io.groundstation.store;

import io.groundstation.profile.ProcessData;
import io.groundstation.profile.ProfileStore;
import io.groundstation.profile.SampleCounts;
import io.groundstation.profile.SliceKey;
import io.groundstation.profile.Stack;
import io.groundstation.profile.StackTotal;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Uploaded profiles on a JDBC database: symbols and stacks once each, samples summed per slice. */
public final class JdbcProfileStore implements ProfileStore {

    private static final String SAVE_SYMBOL = Upsert.sql("profile_symbol", List.of("id"), List.of("id", "name"),
            Map.of());
    private static final String SAVE_STACK = Upsert.sql("profile_stack", List.of("id"),
            List.of("id", "symbol_ids", "kernel_frames"), Map.of());
    private static final String ADD_SAMPLE = Upsert.sql("profile_sample",
            List.of("task_id", "process_id", "slice_start", "stack_id"),
            List.of("task_id", "process_id", "slice_start", "stack_id", "samples", "switches", "duration_ns"),
            Map.of("samples", "OLD.samples + NEW.samples", "switches", "OLD.switches + NEW.switches",
                    "duration_ns", "OLD.duration_ns + NEW.duration_ns"));

    private final Database database;
    private final ReadWriteLock uploads = new ReentrantReadWriteLock();

    public JdbcProfileStore(Database database) {
        this.database = database;
    }

    @Override
    public void add(Map<SliceKey, SampleCounts> counts) {
        Map<String, String> symbols = new HashMap<>();
        Map<String, Stack> stacks = new HashMap<>();
        for (SliceKey key : counts.keySet()) {
            stacks.putIfAbsent(key.stack().id(), key.stack());
            key.stack().frames().forEach(frame -> symbols.putIfAbsent(Stack.symbolId(frame), frame));
        }
        // Sorted keys: two nodes writing overlapping uploads take row locks in the same order.
        List<Map.Entry<SliceKey, SampleCounts>> samples = new ArrayList<>(counts.entrySet());
        samples.sort(Comparator.comparing((Map.Entry<SliceKey, SampleCounts> e) -> e.getKey().taskId())
                .thenComparing(e -> e.getKey().processId()).thenComparingLong(e -> e.getKey().sliceStart())
                .thenComparing(e -> e.getKey().stack().id()));
        // Samples before the stacks they name, stacks before their symbols: the order deleteUnusedStacks locks in.
        uploads.readLock().lock();
        try {
            database.writeBulk(handle -> {
                PreparedBatch sampleBatch = handle.prepareBatch(ADD_SAMPLE);
                for (Map.Entry<SliceKey, SampleCounts> sample : samples) {
                    SliceKey key = sample.getKey();
                    sampleBatch.bind("task_id", key.taskId()).bind("process_id", key.processId())
                            .bind("slice_start", key.sliceStart()).bind("stack_id", key.stack().id())
                            .bind("samples", sample.getValue().samples()).bind("switches", sample.getValue().switches())
                            .bind("duration_ns", sample.getValue().durationNs()).add();
                }
                sampleBatch.execute();
                PreparedBatch stackBatch = handle.prepareBatch(SAVE_STACK);
                stacks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> stackBatch
                        .bind("id", e.getKey())
                        .bind("symbol_ids", String.join(",", e.getValue().frames().stream().map(Stack::symbolId).toList()))
                        .bind("kernel_frames", e.getValue().kernelFrames()).add());
                stackBatch.execute();
                PreparedBatch symbolBatch = handle.prepareBatch(SAVE_SYMBOL);
                symbols.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> symbolBatch.bind("id", e.getKey()).bind("name", e.getValue()).add());
                symbolBatch.execute();
            });
        } finally {
            uploads.readLock().unlock();
        }
    }

    @Override
    public List<StackTotal> totals(String taskId, String processId, Long from, Long to) {
        StringBuilder sql = new StringBuilder("SELECT s.stack_id, k.symbol_ids, k.kernel_frames,"
                + " SUM(s.samples) AS samples, SUM(s.switches) AS switches, SUM(s.duration_ns) AS duration_ns"
                + " FROM profile_sample s JOIN profile_stack k ON k.id = s.stack_id WHERE s.task_id = :task");
        if (processId != null) {
            sql.append(" AND s.process_id = :process");
        }
        if (from != null) {
            sql.append(" AND s.slice_start >= :from");
        }
        if (to != null) {
            sql.append(" AND s.slice_start < :to");
        }
        sql.append(" GROUP BY s.stack_id, k.symbol_ids, k.kernel_frames ORDER BY s.stack_id");
        return database.read(handle -> {
            Query query = handle.createQuery(sql.toString()).bind("task", taskId);
            if (processId != null) {
                query.bind("process", processId);
            }
            if (from != null) {
                query.bind("from", from);
            }
            if (to != null) {
                query.bind("to", to);
            }
            record Row(String symbolIds, int kernelFrames, SampleCounts counts) {
            }
            List<Row> rows = query.map((rs, ctx) -> new Row(rs.getString("symbol_ids"), rs.getInt("kernel_frames"),
                    new SampleCounts(rs.getLong("samples"), rs.getLong("switches"), rs.getLong("duration_ns"))))
                    .list();
            Map<String, String> names = symbolNames(handle, rows.stream()
                    .flatMap(r -> Arrays.stream(r.symbolIds().split(","))).distinct().toList());
            return rows.stream().map(r -> new StackTotal(new Stack(Arrays.stream(r.symbolIds().split(","))
                    .map(names::get).toList(), r.kernelFrames()), r.counts())).toList();
        });
    }

    private static Map<String, String> symbolNames(org.jdbi.v3.core.Handle handle, List<String> ids) {
        Map<String, String> names = new HashMap<>();
        // Chunks keep the IN list within what every database takes.
        for (List<String> chunk : Chunks.of(ids, 1000)) {
            handle.createQuery("SELECT id, name FROM profile_symbol WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("name")))
                    .forEach(e -> names.put(e.getKey(), e.getValue()));
        }
        return names;
    }

    @Override
    public int deleteSamplesOf(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return 0;
        }
        return database.writeResult(handle -> handle.createUpdate("DELETE FROM profile_sample WHERE task_id IN (<ids>)")
                .bindList("ids", taskIds).execute());
    }

    /**
     * An upload stores its samples, then upserts their stacks, which does nothing to a stack already there. A
     * delete between the two would leave samples naming a stack that is gone, so the delete holds off uploads:
     * in this JVM through {@link #uploads}, and on PostgreSQL, where other nodes upload too, through share locks
     * taken in the order uploads write (on SQLite the delete's write transaction already excludes every other
     * writer). An upload that comes after the delete stores its stacks again.
     */
    @Override
    public int deleteUnusedStacks() {
        uploads.writeLock().lock();
        try {
            return database.writeResult(handle -> {
                if (database.dialect() == Dialect.POSTGRESQL) {
                    handle.execute("LOCK TABLE profile_sample, profile_stack IN SHARE MODE");
                }
                return handle.execute("DELETE FROM profile_stack WHERE NOT EXISTS"
                        + " (SELECT 1 FROM profile_sample s WHERE s.stack_id = profile_stack.id)");
            });
        } finally {
            uploads.writeLock().unlock();
        }
    }

    @Override
    public Map<String, List<ProcessData>> dataOf(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        return database.read(handle -> {
            Map<String, List<ProcessData>> data = new LinkedHashMap<>();
            handle.createQuery("SELECT task_id, process_id, SUM(samples) AS samples, SUM(switches) AS switches,"
                            + " SUM(duration_ns) AS duration_ns, COUNT(DISTINCT slice_start) AS slices,"
                            + " MIN(slice_start) AS first_slice, MAX(slice_start) AS last_slice FROM profile_sample"
                            + " WHERE task_id IN (<tasks>) GROUP BY task_id, process_id ORDER BY task_id, process_id")
                    .bindList("tasks", taskIds)
                    .map((rs, ctx) -> Map.entry(rs.getString("task_id"), new ProcessData(rs.getString("process_id"),
                            rs.getLong("samples"), rs.getLong("switches"), rs.getLong("duration_ns"),
                            rs.getLong("slices"), rs.getLong("first_slice"), rs.getLong("last_slice"))))
                    .forEach(e -> data.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            return data;
        });
    }
}
