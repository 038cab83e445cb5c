package io.groundstation.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

/** The protocol's mutation results: {@code status}, and when it is false the {@code errorReason}. */
final class MutationResult {

    private MutationResult() {
    }

    /** A success when {@code errorReason} is null, a refusal naming it otherwise. */
    static Map<String, Object> of(String errorReason) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", errorReason == null);
        result.put("errorReason", errorReason);
        return result;
    }
}
