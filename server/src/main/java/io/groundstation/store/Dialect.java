package io.groundstation.store;

/**
 * The two databases we run on: SQLite embedded, PostgreSQL for production. SQL is written once for both; what each
 * spells its own way goes through here (see docs/development.md, "SQL for both databases"). Each method names both
 * spellings in a switch, so that a third database cannot compile without saying its own.
 */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    /**
     * The larger of two values. Both must be non-null: SQLite's two-argument MAX is NULL when either is, while
     * PostgreSQL's GREATEST skips NULLs.
     */
    public String greatest(String a, String b) {
        String function = switch (this) {
            case SQLITE -> "MAX";
            case POSTGRESQL -> "GREATEST";
        };
        return function + "(" + a + ", " + b + ")";
    }

    /**
     * The suffix that locks the rows a SELECT reads until the transaction ends. Empty on SQLite, where a write
     * transaction (BEGIN IMMEDIATE) holds the database's one write lock from its start, so nobody else changes them.
     */
    public String forUpdate() {
        return switch (this) {
            case SQLITE -> "";
            case POSTGRESQL -> " FOR UPDATE";
        };
    }

    /**
     * A condition true where {@code text} contains {@code part}, matched exactly: SQLite's {@code LIKE} ignores ASCII
     * case, and the two databases share no function that finds a substring.
     */
    public String contains(String text, String part) {
        String function = switch (this) {
            case SQLITE -> "instr";
            case POSTGRESQL -> "strpos";
        };
        return function + "(" + text + ", " + part + ") > 0";
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
