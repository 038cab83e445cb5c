package io.groundstation.store;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds an insert-or-update statement for either dialect from one description: PostgreSQL gets
 * {@code INSERT … ON CONFLICT}, which is safe when several nodes insert the same key at once; H2 gets
 * {@code MERGE … USING}. In update expressions {@code NEW.col} is the incoming value and {@code OLD.col}
 * the stored one. Parameters are named after the columns ({@code :col}).
 */
public final class Upsert {

    private Upsert() {
    }

    public static String sql(Dialect dialect, String table, List<String> keys, List<String> columns,
                             Map<String, String> updates) {
        String columnList = String.join(", ", columns);
        String parameters = columns.stream().map(c -> ":" + c).collect(Collectors.joining(", "));
        return switch (dialect) {
            case POSTGRESQL -> "INSERT INTO " + table + " (" + columnList + ") VALUES (" + parameters + ")"
                    + " ON CONFLICT (" + String.join(", ", keys) + ") "
                    + (updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + assignments(updates, "EXCLUDED", table));
            case H2 -> "MERGE INTO " + table + " USING (VALUES (" + parameters + ")) AS incoming(" + columnList + ")"
                    + " ON " + keys.stream().map(k -> table + "." + k + " = incoming." + k)
                    .collect(Collectors.joining(" AND "))
                    + (updates.isEmpty() ? "" : " WHEN MATCHED THEN UPDATE SET " + assignments(updates, "incoming", table))
                    + " WHEN NOT MATCHED THEN INSERT (" + columnList + ") VALUES ("
                    + columns.stream().map(c -> "incoming." + c).collect(Collectors.joining(", ")) + ")";
        };
    }

    private static String assignments(Map<String, String> updates, String incoming, String table) {
        return updates.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue().replace("NEW.", incoming + ".").replace("OLD.", table + "."))
                .collect(Collectors.joining(", "));
    }
}
