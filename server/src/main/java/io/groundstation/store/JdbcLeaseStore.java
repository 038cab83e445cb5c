package io.groundstation.store;

import io.groundstation.jobs.LeaseStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLIntegrityConstraintViolationException;

import java.util.List;
import java.util.Map;

/**
 * Job leases in table {@code job_lease}. Taking one is a conditional update (a row lock makes concurrent takers
 * wait and re-check the condition, so one wins), and an insert-if-absent for a job that never had a lease.
 * Works on H2 and PostgreSQL alike, unlike advisory locks.
 */
public final class JdbcLeaseStore implements LeaseStore {

    private static final String TAKE = "UPDATE job_lease SET holder = :holder, expires_at = :expiresAt"
            + " WHERE job = :job AND (holder = :holder OR expires_at < :now)";

    private final Jdbi jdbi;
    private final String createIfAbsent;

    public JdbcLeaseStore(Database database) {
        this.jdbi = database.jdbi();
        this.createIfAbsent = Upsert.sql(database.dialect(), "job_lease", List.of("job"),
                List.of("job", "holder", "expires_at"), Map.of());
    }

    @Override
    public boolean tryAcquire(String job, String holder, long now, long expiresAt) {
        return jdbi.withHandle(handle -> {
            int taken = handle.createUpdate(TAKE).bind("job", job).bind("holder", holder)
                    .bind("expiresAt", expiresAt).bind("now", now).execute();
            if (taken == 1) {
                return true;
            }
            try {
                return handle.createUpdate(createIfAbsent).bind("job", job).bind("holder", holder)
                        .bind("expires_at", expiresAt).execute() == 1;
            } catch (UnableToExecuteStatementException e) {
                // H2's MERGE is not atomic against a concurrent insert of the same key (PostgreSQL's ON CONFLICT
                // is): a duplicate key here means another node created the lease first, so it holds it.
                if (e.getCause() instanceof SQLIntegrityConstraintViolationException) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void release(String job, String holder) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM job_lease WHERE job = :job AND holder = :holder")
                .bind("job", job).bind("holder", holder).execute());
    }
}
