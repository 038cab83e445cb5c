package io.groundstation.store;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds an insert-or-update statement from one description: {@code INSERT … ON CONFLICT (keys) DO UPDATE}, which
 * SQLite and PostgreSQL spell alike and which is atomic against a concurrent insert of the same key. In update
 * expressions {@code NEW.col} is the incoming value and {@code OLD.col} the stored one (functions that differ, such as
 * {@link Dialect#greatest}, come from the dialect). Parameters are named after the columns ({@code :col}).
 */
public final class Upsert {

    private Upsert() {
    }

    public static String sql(String table, List<String> keys, List<String> columns, Map<String, String> updates) {
        return build(table, keys, columns, updates, column -> ":" + column);
    }

    /** The same statement with JDBC's {@code ?} parameters, in the order of {@code columns}. */
    public static String positional(String table, List<String> keys, List<String> columns,
                                    Map<String, String> updates) {
        return build(table, keys, columns, updates, column -> "?");
    }

    private static String build(String table, List<String> keys, List<String> columns, Map<String, String> updates,
                                Function<String, String> parameter) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(parameter).collect(Collectors.joining(", ")) + ")"
                + " ON CONFLICT (" + String.join(", ", keys) + ") "
                + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + assignments(updates, table));
    }

    private static String assignments(Map<String, String> updates, String table) {
        return updates.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue().replace("NEW.", "EXCLUDED.").replace("OLD.", table + "."))
                .collect(Collectors.joining(", "));
    }
}
