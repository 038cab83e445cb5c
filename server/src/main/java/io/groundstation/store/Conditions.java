package io.groundstation.store;

import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause of a filtered query and the parameters it binds, from one list: a condition applies when its value
 * is given, and then its parameter is bound, so the clause and the bindings cannot drift apart.
 */
final class Conditions {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds {@code condition}, which refers to {@code :parameter}, unless {@code value} is null. */
    Conditions add(String condition, String parameter, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(parameter, value);
        }
        return this;
    }

    /** {@code " WHERE a AND b"} with the conditions that apply, or nothing when none does. */
    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters of the conditions that apply. */
    Query bind(Query query) {
        parameters.forEach(query::bind);
        return query;
    }
}
