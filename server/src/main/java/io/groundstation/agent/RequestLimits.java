package io.groundstation.agent;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Collection;

/**
 * Limits on one agent request. A request past any of them is refused whole with INVALID_ARGUMENT naming the
 * limit and its setting, so an operator reading the agent's log knows what to raise. (The size of a request is
 * checked before it is parsed, by {@link RequestGuard}.)
 */
public record RequestLimits(int maxItems, int maxNameLength, int maxPropertyLength, int maxProperties) {

    void checkItems(String method, int items) {
        if (items > maxItems) {
            throw refuse(method + ": " + items + " items exceed limit.items-per-request=" + maxItems);
        }
    }

    void checkName(String method, String what, String value) {
        if (value.length() > maxNameLength) {
            throw refuse(method + ": " + what + " of " + value.length() + " characters exceeds limit.name-length="
                    + maxNameLength);
        }
    }

    void checkCount(String method, String what, Collection<?> values) {
        if (values.size() > maxProperties) {
            throw refuse(method + ": " + values.size() + " " + what + " exceed limit.properties-per-process="
                    + maxProperties);
        }
    }

    void checkProperty(String method, String key, String value) {
        if (key.length() > maxPropertyLength || value.length() > maxPropertyLength) {
            throw refuse(method + ": property '" + abbreviate(key) + "' exceeds limit.property-length="
                    + maxPropertyLength);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    static StatusRuntimeException refuse(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }
}
