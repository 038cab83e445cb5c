package io.groundstation.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.task.Cause;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TaskQuery;
import io.groundstation.task.TaskStore;
import io.groundstation.task.TriggerRefusals;
import io.groundstation.task.TriggerStats;
import io.groundstation.task.TriggerCount;
import io.groundstation.task.TriggerType;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profiling tasks, trigger claims and refusals on a JDBC database. */
public final class JdbcTaskStore implements TaskStore {

    private static final TypeReference<List<Cause>> CAUSES = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final List<String> TASK_COLUMNS = List.of("id", "trigger_type", "target", "service_name",
            "instance_name", "process_name", "start_time", "duration_seconds", "created_at", "update_time", "causes",
            "cause_message", "sampling_uri_regexes", "repeats", "stopped_at", "extension_config", "request_id",
            "process_labels");

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<ProfilingTask> BY_PROCESS = Comparator.comparing(ProfilingTask::processName,
            NULLS_FIRST).thenComparing(ProfilingTask::instanceName, NULLS_FIRST).thenComparing(ProfilingTask::id);

    /** A stopped task is sent again this long, so agents that missed the stop still hear of it. */
    private static final long RECENTLY_STOPPED_MILLIS = 3_600_000;
    /**
     * A task's end in SQL; the cast keeps long durations from overflowing INTEGER arithmetic. Index
     * profiling_task_end (V12) is on this very expression: change both or neither.
     */
    private static final String END_TIME = "(start_time + CAST(duration_seconds AS BIGINT) * 1000)";
    /** In SQL what {@link ProfilingTask#runningAt} says in Java, at {@code :now}. */
    private static final String RUNNING_AT_NOW = "stopped_at IS NULL AND start_time <= :now AND " + END_TIME
            + " > :now";

    private static final String INSERT_CLAIM = Upsert.sql("trigger_claim", List.of("process_id", "target"),
            List.of("process_id", "target", "task_id", "expires_at"), Map.of());

    private final Database database;
    private final String countRefusal;

    public JdbcTaskStore(Database database) {
        this.database = database;
        this.countRefusal = Upsert.sql("trigger_refusal", List.of("service_name"),
                List.of("service_name", "refusals", "last_refused_at"), Map.of("refusals", "OLD.refusals + 1",
                        "last_refused_at", database.dialect().greatest("OLD.last_refused_at", "NEW.last_refused_at")));
    }

    @Override
    public Optional<String> activeTrigger(String processId, ProfilingTarget target, long now) {
        return database.read(handle -> handle.createQuery("SELECT task_id FROM trigger_claim"
                        + " WHERE process_id = :process AND target = :target AND expires_at > :now")
                .bind("process", processId).bind("target", target.name()).bind("now", now)
                .mapTo(String.class).findOne());
    }

    @Override
    public String claimAndCreate(ProfilingTask task, long now) {
        String processId = task.processIds().get(0);
        String[] owner = new String[1];
        database.write(handle -> {
            int inserted = handle.createUpdate(INSERT_CLAIM).bind("process_id", processId)
                    .bind("target", task.target().name()).bind("task_id", task.id())
                    .bind("expires_at", task.endTime()).execute();
            // An expired claim is taken over; an unexpired one means another report won the race.
            int takenOver = inserted > 0 ? 0 : handle.createUpdate("UPDATE trigger_claim SET task_id = :task,"
                            + " expires_at = :expires WHERE process_id = :process AND target = :target"
                            + " AND expires_at <= :now")
                    .bind("task", task.id()).bind("expires", task.endTime()).bind("process", processId)
                    .bind("target", task.target().name()).bind("now", now).execute();
            if (inserted == 0 && takenOver == 0) {
                owner[0] = handle.createQuery("SELECT task_id FROM trigger_claim WHERE process_id = :process"
                                + " AND target = :target").bind("process", processId)
                        .bind("target", task.target().name()).mapTo(String.class).one();
                return;
            }
            insertTask(handle, task);
            owner[0] = task.id();
        });
        return owner[0];
    }

    private static void insertTask(Handle handle, ProfilingTask task) {
        handle.createUpdate("INSERT INTO profiling_task (" + String.join(", ", TASK_COLUMNS) + ") VALUES ("
                        + String.join(", ", TASK_COLUMNS.stream().map(c -> ":" + c).toList()) + ")")
                .bind("id", task.id()).bind("trigger_type", task.trigger().name())
                .bind("target", task.target().name()).bind("service_name", task.serviceName())
                .bind("instance_name", task.instanceName()).bind("process_name", task.processName())
                .bind("start_time", task.startTime()).bind("duration_seconds", task.durationSeconds())
                .bind("created_at", task.createdAt()).bind("update_time", task.updateTime())
                .bind("causes", Json.write(task.causes())).bind("cause_message", task.causeMessage())
                .bind("sampling_uri_regexes", Json.write(task.samplingUriRegexes()))
                .bind("repeats", task.repeats()).bind("stopped_at", task.stoppedAt())
                .bind("extension_config", task.extensionConfig())
                .bind("request_id", task.requestId()).bind("process_labels", Json.write(task.processLabels()))
                .execute();
        var processes = handle.prepareBatch("INSERT INTO profiling_task_process (task_id, process_id)"
                + " VALUES (:task, :process)");
        for (String processId : task.processIds()) {
            processes.bind("task", task.id()).bind("process", processId).add();
        }
        processes.execute();
    }

    @Override
    public void countRepeat(String taskId) {
        database.write(handle -> handle.createUpdate("UPDATE profiling_task SET repeats = repeats + 1 WHERE id = :id")
                .bind("id", taskId).execute());
    }

    @Override
    public long countRunningTriggered(String serviceName, long now) {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM profiling_task"
                        + " WHERE service_name = :service AND trigger_type = :trigger AND " + RUNNING_AT_NOW)
                .bind("service", serviceName).bind("trigger", TriggerType.CONTINUOUS_PROFILING.name())
                .bind("now", now).mapTo(Long.class).one());
    }

    @Override
    public long countRunning(long now) {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*) FROM profiling_task"
                        + " WHERE " + RUNNING_AT_NOW)
                .bind("now", now).mapTo(Long.class).one());
    }

    @Override
    public List<TriggerCount<Long>> triggeredPerHour(long since) {
        return database.read(handle -> handle.createQuery("SELECT hour, COUNT(*) AS tasks FROM"
                        + " (SELECT start_time / 3600000 AS hour FROM profiling_task"
                        + " WHERE start_time >= :since AND trigger_type = :trigger) t GROUP BY hour ORDER BY hour")
                .bind("since", since).bind("trigger", TriggerType.CONTINUOUS_PROFILING.name())
                .map((rs, ctx) -> new TriggerCount<>(rs.getLong("hour") * 3_600_000L, rs.getLong("tasks"))).list());
    }

    @Override
    public List<TriggerCount<String>> mostTriggered(long since, int limit) {
        return database.read(handle -> handle.createQuery("SELECT service_name, COUNT(*) AS tasks FROM profiling_task"
                        + " WHERE start_time >= :since AND trigger_type = :trigger GROUP BY service_name"
                        + " ORDER BY tasks DESC, service_name LIMIT :limit")
                .bind("since", since).bind("trigger", TriggerType.CONTINUOUS_PROFILING.name()).bind("limit", limit)
                .map((rs, ctx) -> new TriggerCount<>(rs.getString("service_name"), rs.getLong("tasks"))).list());
    }

    @Override
    public void recordRefusal(String serviceName, long now) {
        database.write(handle -> handle.createUpdate(countRefusal).bind("service_name", serviceName)
                .bind("refusals", 1).bind("last_refused_at", now).execute());
    }

    @Override
    public TriggerRefusals refusals(String serviceName) {
        return database.read(handle -> handle.createQuery("SELECT refusals, last_refused_at FROM trigger_refusal"
                        + " WHERE service_name = :service").bind("service", serviceName)
                .map((rs, ctx) -> new TriggerRefusals(rs.getLong("refusals"), rs.getLong("last_refused_at")))
                .findOne().orElse(new TriggerRefusals(0, 0)));
    }

    @Override
    public List<ProfilingTask> createFixedTime(List<ProfilingTask> tasks, long now) {
        List<ProfilingTask> created = new ArrayList<>();
        database.write(handle -> {
            created.clear();
            long updateTime = nextUpdateTime(handle, now);
            for (ProfilingTask task : tasks) {
                ProfilingTask stamped = task.withUpdateTime(updateTime++);
                insertTask(handle, stamped);
                created.add(stamped);
            }
        });
        return created;
    }

    private static long nextUpdateTime(Handle handle, long now) {
        Long latest = handle.createQuery("SELECT MAX(update_time) FROM profiling_task").mapTo(Long.class).one();
        return latest == null ? now : Math.max(now, latest + 1);
    }

    @Override
    public Optional<ProfilingTask> stop(String taskId, long now) {
        boolean[] stopped = new boolean[1];
        database.write(handle -> {
            long updateTime = nextUpdateTime(handle, now);
            // The agent drops a task whose start plus duration is past: shortening it is how it learns to stop.
            stopped[0] = handle.createUpdate("UPDATE profiling_task SET stopped_at = :now, update_time = :update,"
                            + " duration_seconds = CASE WHEN start_time >= :now THEN 1"
                            + " ELSE CAST((:now - start_time + 999) / 1000 AS INTEGER) END"
                            + " WHERE id = :id AND trigger_type = :trigger AND stopped_at IS NULL"
                            + " AND " + END_TIME + " > :now")
                    .bind("now", now).bind("update", updateTime).bind("id", taskId)
                    .bind("trigger", TriggerType.FIXED_TIME.name()).execute() > 0;
        });
        return stopped[0] ? find(taskId) : Optional.empty();
    }

    @Override
    public void extend(String taskId, int durationSeconds, long now) {
        database.write(handle -> {
            long updateTime = nextUpdateTime(handle, now);
            handle.createUpdate("UPDATE profiling_task SET duration_seconds = :duration, update_time = :update"
                            + " WHERE id = :id AND trigger_type = :trigger AND " + RUNNING_AT_NOW)
                    .bind("duration", durationSeconds).bind("update", updateTime).bind("id", taskId)
                    .bind("trigger", TriggerType.FIXED_TIME.name()).bind("now", now).execute();
        });
    }

    @Override
    public List<ProfilingTask> findByRequest(String requestId) {
        // sorted here, not in SQL: SQLite and PostgreSQL order NULLs and text differently
        return database.read(handle -> withProcesses(handle, handle.createQuery("SELECT * FROM profiling_task"
                        + " WHERE request_id = :request")
                .bind("request", requestId).map((rs, ctx) -> task(rs, List.of())).list()))
                .stream().sorted(BY_PROCESS).toList();
    }

    @Override
    public List<ProfilingTask> liveFixedTimeTasks(long now) {
        return database.read(handle -> withProcesses(handle, handle.createQuery("SELECT * FROM profiling_task"
                        + " WHERE trigger_type = :trigger"
                        + " AND (" + END_TIME + " > :now OR stopped_at > :recentlyStopped)"
                        + " ORDER BY update_time")
                .bind("trigger", TriggerType.FIXED_TIME.name()).bind("now", now)
                .bind("recentlyStopped", now - RECENTLY_STOPPED_MILLIS)
                .map((rs, ctx) -> task(rs, List.of())).list()));
    }

    @Override
    public Optional<ProfilingTask> find(String id) {
        return database.read(handle -> {
            Optional<ProfilingTask> task = handle.createQuery("SELECT * FROM profiling_task WHERE id = :id")
                    .bind("id", id).map((rs, ctx) -> task(rs, List.of())).findOne();
            return task.map(t -> withProcesses(handle, List.of(t)).get(0));
        });
    }

    @Override
    public List<ProfilingTask> endingAfter(ProfilingTarget target, long time) {
        // No bound on the start: a kept-alive task runs on for as long as it is kept. The end index (V12) finds them.
        return database.read(handle -> withProcesses(handle, handle.createQuery("SELECT * FROM profiling_task"
                        + " WHERE " + END_TIME + " > :time AND target = :target ORDER BY start_time, id")
                .bind("target", target.name()).bind("time", time)
                .map((rs, ctx) -> task(rs, List.of())).list()));
    }

    @Override
    public List<ProfilingTask> find(TaskQuery query) {
        return database.read(handle -> withProcesses(handle, conditions(query)
                .page(handle, "SELECT * FROM profiling_task", "start_time DESC, id", query.offset(), query.limit())
                .map((rs, ctx) -> task(rs, List.of())).list()));
    }

    @Override
    public long count(TaskQuery query) {
        return database.read(handle -> conditions(query).query(handle, "SELECT COUNT(*) FROM profiling_task", "")
                .mapTo(Long.class).one());
    }

    @Override
    public List<String> endedBefore(long cutoff, int limit) {
        // start_time < cutoff first: the indexed bound that leaves only the old tasks to compute an end for.
        return database.read(handle -> handle.createQuery("SELECT id FROM profiling_task WHERE start_time < :cutoff"
                        + " AND COALESCE(stopped_at, " + END_TIME + ") < :cutoff"
                        + " ORDER BY start_time, id LIMIT :limit")
                .bind("cutoff", cutoff).bind("limit", limit).mapTo(String.class).list());
    }

    @Override
    public int delete(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return 0;
        }
        return database.writeResult(handle -> {
            handle.createUpdate("DELETE FROM trigger_claim WHERE task_id IN (<ids>)").bindList("ids", taskIds)
                    .execute();
            handle.createUpdate("DELETE FROM profiling_task_process WHERE task_id IN (<ids>)")
                    .bindList("ids", taskIds).execute();
            return handle.createUpdate("DELETE FROM profiling_task WHERE id IN (<ids>)").bindList("ids", taskIds)
                    .execute();
        });
    }

    @Override
    public Map<String, TriggerStats> triggerStats(List<String> processIds, ProfilingTarget target) {
        if (processIds.isEmpty()) {
            return Map.of();
        }
        return database.read(handle -> {
            Map<String, TriggerStats> stats = new HashMap<>();
            Query query = handle.createQuery("SELECT p.process_id, COUNT(*) AS tasks, SUM(t.repeats) AS repeats,"
                            + " MAX(t.start_time) AS last_start FROM profiling_task_process p"
                            + " JOIN profiling_task t ON t.id = p.task_id"
                            + " WHERE t.trigger_type = :trigger AND p.process_id IN (<processes>)"
                            + (target == null ? "" : " AND t.target = :target")
                            + " GROUP BY p.process_id")
                    .bind("trigger", TriggerType.CONTINUOUS_PROFILING.name());
            if (target != null) {
                query.bind("target", target.name());
            }
            query.bindList("processes", processIds)
                    .map((rs, ctx) -> new TriggerStats(rs.getString("process_id"), rs.getLong("tasks"),
                            rs.getLong("repeats"), rs.getLong("last_start")))
                    .forEach(s -> stats.put(s.processId(), s));
            return stats;
        });
    }

    private static Conditions conditions(TaskQuery query) {
        return new Conditions()
                .add("service_name = :service", "service", query.serviceName())
                .add("instance_name = :instance", "instance", query.instanceName())
                .add("id IN (SELECT task_id FROM profiling_task_process WHERE process_id = :process)", "process",
                        query.processId())
                .add("target = :target", "target", query.target() == null ? null : query.target().name())
                .add("trigger_type = :trigger", "trigger", query.trigger() == null ? null : query.trigger().name())
                .add("start_time >= :from", "from", query.from())
                .add("start_time < :to", "to", query.to());
    }

    private static List<ProfilingTask> withProcesses(Handle handle, List<ProfilingTask> tasks) {
        if (tasks.isEmpty()) {
            return tasks;
        }
        Map<String, List<String>> processes = new HashMap<>();
        handle.createQuery("SELECT task_id, process_id FROM profiling_task_process WHERE task_id IN (<tasks>)"
                        + " ORDER BY process_id")
                .bindList("tasks", tasks.stream().map(ProfilingTask::id).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("task_id"), rs.getString("process_id")))
                .forEach(e -> processes.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return tasks.stream().map(t -> t.withProcessIds(processes.getOrDefault(t.id(), List.of()))).toList();
    }

    private static ProfilingTask task(ResultSet rs, List<String> processIds) throws SQLException {
        Object stoppedAt = rs.getObject("stopped_at");
        return new ProfilingTask(rs.getString("id"), TriggerType.valueOf(rs.getString("trigger_type")),
                ProfilingTarget.valueOf(rs.getString("target")), rs.getString("service_name"),
                rs.getString("instance_name"), rs.getString("process_name"), processIds, rs.getLong("start_time"),
                rs.getInt("duration_seconds"), rs.getLong("created_at"), rs.getLong("update_time"),
                Json.read(rs.getString("causes"), CAUSES), rs.getString("cause_message"),
                Json.read(rs.getString("sampling_uri_regexes"), STRINGS), rs.getInt("repeats"),
                stoppedAt == null ? null : ((Number) stoppedAt).longValue(), rs.getString("extension_config"),
                rs.getString("request_id"), Json.read(rs.getString("process_labels"), STRINGS));
    }
}
