package io.groundstation.registry;

/**
 * A page of services: those whose name contains {@code search} (ignoring ASCII case; null: all), in {@code order},
 * ties broken by name.
 */
public record ServiceQuery(String search, ServiceOrder order, boolean descending, int offset, int limit) {

    /** What a page of services is sorted by. */
    public enum ServiceOrder {
        NAME, INSTANCES, ALIVE, DEAD
    }
}
