package io.groundstation.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter of a query: the WHERE clause and the parameters it binds come from one list, where a condition applies
 * when its value is given and then its parameter is bound, so the clause and the bindings cannot drift apart.
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

    /** {@code select}, then the WHERE clause of the conditions that apply, then {@code rest}; parameters bound. */
    Query query(Handle handle, String select, String rest) {
        Query query = handle.createQuery(select + where() + rest);
        parameters.forEach(query::bind);
        return query;
    }

    /** The page of {@code select}'s rows in {@code order} from {@code offset}, at most {@code limit} of them. */
    Query page(Handle handle, String select, String order, int offset, int limit) {
        return query(handle, select, " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .bind("limit", limit).bind("offset", offset);
    }

    private String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
