package io.groundstation.policy;

import io.groundstation.cache.RefreshingSnapshot;

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

    private record Snapshot(Map<String, ServedPolicy> policies, Set<String> servicesWithNewProcesses) {
    }

    private final PolicyStore store;
    private final LongFunction<Set<String>> servicesRegisteredSince;
    private final long resendWindowMillis;
    private final Clock clock;
    private final Map<String, Policy> versions = new ConcurrentHashMap<>();
    /** Registrations through this node, seen at once; other nodes' come with the next snapshot. */
    private final Map<String, Long> localRegistrations = new ConcurrentHashMap<>();
    private final RefreshingSnapshot<Snapshot> snapshot;
    private volatile long prunedAt;

    PolicyBook(PolicyStore store, LongFunction<Set<String>> servicesRegisteredSince, long refreshMillis,
               long resendWindowMillis, Clock clock) {
        this.store = store;
        this.servicesRegisteredSince = servicesRegisteredSince;
        this.resendWindowMillis = resendWindowMillis;
        this.clock = clock;
        this.snapshot = new RefreshingSnapshot<>(this::load, refreshMillis, clock);
    }

    /** Whether a read within {@code millis} would be answered from memory, not wait for the database. */
    boolean answersFromMemoryFor(long millis) {
        return snapshot.servableFor(millis);
    }

    Optional<ServedPolicy> current(String serviceName) {
        return Optional.ofNullable(snapshot.get().policies().get(serviceName));
    }

    boolean gainedProcessesRecently(String serviceName) {
        Long local = localRegistrations.get(serviceName);
        if (local != null && clock.millis() - local <= resendWindowMillis) {
            return true;
        }
        return snapshot.get().servicesWithNewProcesses().contains(serviceName);
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
        snapshot.invalidate();
    }

    private Snapshot load(long now, Snapshot previous) {
        Map<String, ServedPolicy> policies = new HashMap<>();
        Map<String, ServedPolicy> known = previous == null ? Map.of() : previous.policies();
        for (StoredPolicy p : store.findAll()) {
            ServedPolicy kept = known.get(p.policy().serviceName());
            policies.put(p.policy().serviceName(),
                    kept != null && kept.stored().version().equals(p.version()) ? kept : new ServedPolicy(p));
        }
        return new Snapshot(policies, Set.copyOf(servicesRegisteredSince.apply(now - resendWindowMillis)));
    }
}
