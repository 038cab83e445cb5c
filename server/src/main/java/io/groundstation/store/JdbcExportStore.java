package io.groundstation.store;

import io.groundstation.export.DueExport;
import io.groundstation.export.ExportState;
import io.groundstation.export.ExportStore;
import io.groundstation.task.ProfilingTarget;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Profile exports in table {@code profile_export}, read against {@code profiling_task}: a task is due when it ended
 * within the window and has no decided row. The window's lower bound is on start_time, the indexed column.
 */
public final class JdbcExportStore implements ExportStore {

    private static final String TASK_END = "COALESCE(t.stopped_at, t.start_time + CAST(t.duration_seconds AS BIGINT)"
            + " * 1000)";
    private static final String ENDED_IN_WINDOW = " FROM profiling_task t LEFT JOIN profile_export e"
            + " ON e.task_id = t.id WHERE t.target IN (<targets>) AND t.start_time >= :oldestStart"
            + " AND t.start_time <= :endedBy AND " + TASK_END + " <= :endedBy";
    private static final String SAVE = Upsert.sql("profile_export", List.of("task_id"),
            List.of("task_id", "attempts", "next_attempt_at", "outcome", "done_at", "last_error"),
            Map.of("attempts", "NEW.attempts", "next_attempt_at", "NEW.next_attempt_at", "outcome", "NEW.outcome",
                    "done_at", "NEW.done_at", "last_error", "NEW.last_error"));

    private final Database database;

    public JdbcExportStore(Database database) {
        this.database = database;
    }

    @Override
    public List<DueExport> due(Set<ProfilingTarget> targets, long oldestStart, long endedBy, long now, int limit) {
        return database.read(handle -> handle.createQuery("SELECT t.id, e.attempts" + ENDED_IN_WINDOW
                        + " AND (e.task_id IS NULL OR (e.outcome IS NULL AND e.next_attempt_at <= :now))"
                        + " ORDER BY t.start_time, t.id LIMIT :limit")
                .bindList("targets", names(targets)).bind("oldestStart", oldestStart).bind("endedBy", endedBy)
                .bind("now", now).bind("limit", limit)
                .map((rs, ctx) -> new DueExport(rs.getString("id"), rs.getInt("attempts"))).list());
    }

    @Override
    public long pending(Set<ProfilingTarget> targets, long oldestStart, long now) {
        return database.read(handle -> handle.createQuery("SELECT COUNT(*)" + ENDED_IN_WINDOW
                        + " AND e.outcome IS NULL")
                .bindList("targets", names(targets)).bind("oldestStart", oldestStart).bind("endedBy", now)
                .mapTo(Long.class).one());
    }

    @Override
    public void save(ExportState state) {
        database.write(handle -> handle.createUpdate(SAVE).bind("task_id", state.taskId())
                .bind("attempts", state.attempts()).bind("next_attempt_at", state.nextAttemptAt())
                .bind("outcome", state.outcome() == null ? null : state.outcome().name().toLowerCase(Locale.ROOT))
                .bind("done_at", state.doneAt()).bind("last_error", state.lastError()).execute());
    }

    @Override
    public int expire(long oldestStart, long now, String reason) {
        return database.writeResult(handle -> handle.createUpdate("UPDATE profile_export SET outcome = 'failed',"
                        + " done_at = :now, last_error = :reason || COALESCE('; last: ' || last_error, '')"
                        + " WHERE outcome IS NULL AND EXISTS (SELECT 1 FROM profiling_task t"
                        + " WHERE t.id = profile_export.task_id AND t.start_time < :oldestStart)")
                .bind("now", now).bind("reason", reason).bind("oldestStart", oldestStart).execute());
    }

    @Override
    public void forget(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return;
        }
        database.write(handle -> handle.createUpdate("DELETE FROM profile_export WHERE task_id IN (<ids>)")
                .bindList("ids", taskIds).execute());
    }

    private static List<String> names(Set<ProfilingTarget> targets) {
        return targets.stream().map(Enum::name).sorted().toList();
    }
}
