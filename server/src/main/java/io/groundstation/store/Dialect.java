package io.groundstation.store;

/**
 * The two databases we run on: SQLite embedded, PostgreSQL for production. SQL is written once for both; what each
 * spells its own way goes through here (see docs/development.md, "SQL for both databases").
 */
public enum Dialect {
    SQLITE("MAX", "", "instr"),
    POSTGRESQL("GREATEST", " FOR UPDATE", "strpos");

    private final String greatest;
    private final String forUpdate;
    private final String position;

    Dialect(String greatest, String forUpdate, String position) {
        this.greatest = greatest;
        this.forUpdate = forUpdate;
        this.position = position;
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

    /**
     * A condition true where {@code text} contains {@code part}, matched exactly: SQLite's {@code LIKE} ignores ASCII
     * case, and the two databases share no function that finds a substring.
     */
    public String contains(String text, String part) {
        return position + "(" + text + ", " + part + ") > 0";
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
