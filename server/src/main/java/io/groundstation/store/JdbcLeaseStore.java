package io.groundstation.store;

import io.groundstation.jobs.LeaseStore;

import java.util.List;
import java.util.Map;

/**
 * Job leases in table {@code job_lease}. Taking one is a conditional update (a row lock, on SQLite the write lock,
 * makes concurrent takers wait and re-check the condition, so one wins), and an insert-if-absent for a job that never had a lease.
 * Works on SQLite and PostgreSQL alike, unlike advisory locks.
 */
public final class JdbcLeaseStore implements LeaseStore {

    private static final String TAKE = "UPDATE job_lease SET holder = :holder, expires_at = :expiresAt"
            + " WHERE job = :job AND (holder = :holder OR expires_at < :now)";
    private static final String CREATE_IF_ABSENT = Upsert.sql("job_lease", List.of("job"),
            List.of("job", "holder", "expires_at"), Map.of());

    private final Database database;

    public JdbcLeaseStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean tryAcquire(String job, String holder, long now, long expiresAt) {
        return database.writeResult(handle -> {
            int taken = handle.createUpdate(TAKE).bind("job", job).bind("holder", holder)
                    .bind("expiresAt", expiresAt).bind("now", now).execute();
            // Nothing created when another node created the lease first: it holds it.
            return taken == 1 || handle.createUpdate(CREATE_IF_ABSENT).bind("job", job).bind("holder", holder)
                    .bind("expires_at", expiresAt).execute() == 1;
        });
    }

    @Override
    public void release(String job, String holder) {
        database.write(handle -> handle.createUpdate("DELETE FROM job_lease WHERE job = :job AND holder = :holder")
                .bind("job", job).bind("holder", holder).execute());
    }
}
