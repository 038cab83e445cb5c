package io.groundstation.store;

/**
 * Tells a storage failure from a bug, for the adapters' status tables: whatever reached a JDBC driver or the pool
 * and failed there carries an {@link java.sql.SQLException} among its causes (Jdbi and Hikari wrap it). The
 * database may come back; the caller should retry, so gRPC answers UNAVAILABLE and HTTP 503.
 */
public final class StorageFailure {

    private StorageFailure() {
    }

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }

    /** What the deepest cause says (the driver's or the pool's own words), for the log. */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
