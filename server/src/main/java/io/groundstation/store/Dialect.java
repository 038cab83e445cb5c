package io.groundstation.store;

/**
 * The two databases we run on: SQLite embedded, PostgreSQL for production. SQL is written once for both; what each
 * spells its own way goes through here (see docs/development.md, "SQL for both databases").
 */
public enum Dialect {
    SQLITE("MAX", ""),
    POSTGRESQL("GREATEST", " FOR UPDATE");

    private final String greatest;
    private final String forUpdate;

    Dialect(String greatest, String forUpdate) {
        this.greatest = greatest;
        this.forUpdate = forUpdate;
    }

    /**
     * The larger of two values. Both must be non-null: SQLite's two-argument MAX is NULL when either is, while
     * PostgreSQL's GREATEST skips NULLs.
     */
    public String greatest(String a, String b) {
        return greatest + "(" + a + ", " + b + ")";
    }

    /**
     * The suffix that locks the rows a SELECT reads until the transaction ends. Empty on SQLite, where a write
     * transaction (BEGIN IMMEDIATE) holds the database's one write lock from its start, so nobody else changes them.
     */
    public String forUpdate() {
        return forUpdate;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported JDBC URL (jdbc:sqlite: or jdbc:postgresql:): "
                + jdbcUrl.split("\\?")[0]);
    }
}
