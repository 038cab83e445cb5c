package io.groundstation.store;

/** The two databases we run on. SQL is portable except upserts, which each expresses its own way. */
public enum Dialect {
    H2, POSTGRESQL;

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported JDBC URL (H2 or PostgreSQL): " + jdbcUrl.split("\\?")[0]);
    }
}
