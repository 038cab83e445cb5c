package io.groundstation.policy;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * What queryPolicies reads on every agent poll, held in memory and reloaded from the database at most every
 * refresh interval: all current policies, and the services that gained processes within the re-send window. A
 * change made through this node is seen at once; one made through another node within the refresh interval.
 */
final class PolicyBook {

    private record Snapshot(Map<String, ServedPolicy> policies, Set<String> servicesWithNewProcesses, long loadedAt) {
    }

    private final PolicyStore store;
    private final LongFunction<Set<String>> servicesRegisteredSince;
    private final long refreshMillis;
    private final long resendWindowMillis;
    private final Clock clock;
    private final Map<String, Policy> versions = new ConcurrentHashMap<>();
    /** Registrations through this node, seen at once; other nodes' come with the next snapshot. */
    private final Map<String, Long> localRegistrations = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    private volatile long prunedAt;

    PolicyBook(PolicyStore store, LongFunction<Set<String>> servicesRegisteredSince, long refreshMillis,
               long resendWindowMillis, Clock clock) {
        this.store = store;
        this.servicesRegisteredSince = servicesRegisteredSince;
        this.refreshMillis = refreshMillis;
        this.resendWindowMillis = resendWindowMillis;
        this.clock = clock;
    }

    Optional<ServedPolicy> current(String serviceName) {
        return Optional.ofNullable(fresh().policies().get(serviceName));
    }

    boolean gainedProcessesRecently(String serviceName) {
        Long local = localRegistrations.get(serviceName);
        if (local != null && clock.millis() - local <= resendWindowMillis) {
            return true;
        }
        return fresh().servicesWithNewProcesses().contains(serviceName);
    }

    void registered(Set<String> services) {
        long now = clock.millis();
        services.forEach(service -> localRegistrations.put(service, now));
        // Entries past the window are dropped once per window, not per call: a scan of every recently registered
        // service on each registration was the server's top CPU cost at 5 000 agents (JFR, BENCHMARKS.md). The
        // map stays bounded by the services registered within two windows.
        if (now - prunedAt > resendWindowMillis) {
            prunedAt = now;
            localRegistrations.values().removeIf(at -> now - at > resendWindowMillis);
        }
    }

    /** The content of a version an agent holds; versions never change, so they are cached for good. */
    Optional<Policy> version(String version) {
        Policy known = versions.get(version);
        if (known == null) {
            known = store.findVersion(version).orElse(null);
            if (known != null) {
                versions.put(version, known);
            }
        }
        return Optional.ofNullable(known);
    }

    void invalidate() {
        snapshot = null;
    }

    private Snapshot fresh() {
        Snapshot current = snapshot;
        long now = clock.millis();
        if (current == null || now - current.loadedAt() >= refreshMillis) {
            synchronized (this) {
                current = snapshot;
                if (current == null || now - current.loadedAt() >= refreshMillis) {
                    Map<String, ServedPolicy> policies = new HashMap<>();
                    Map<String, ServedPolicy> previous = current == null ? Map.of() : current.policies();
                    for (StoredPolicy p : store.findAll()) {
                        ServedPolicy kept = previous.get(p.policy().serviceName());
                        policies.put(p.policy().serviceName(), kept != null && kept.stored().version()
                                .equals(p.version()) ? kept : new ServedPolicy(p));
                    }
                    current = new Snapshot(policies, Set.copyOf(servicesRegisteredSince.apply(now - resendWindowMillis)),
                            now);
                    snapshot = current;
                }
            }
        }
        return current;
    }
}
