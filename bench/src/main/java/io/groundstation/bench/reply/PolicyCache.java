package io.groundstation.bench.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policies one agent holds, the process sets it applied them to and the checker windows it keeps, updated from
 * queryPolicies replies the way Rover updates them (protocol.md §4): the UUID is the only change signal; a service's
 * watched processes are refreshed only when the service is in a reply; any UUID change or process-set change
 * rebuilds every checker of every watched process, keeping the old window of an item whose URI filter did not
 * change (Rover's {@code SameURIFilter}). Such a kept HTTP item is the re-sync defect: {@link #apply} reports it.
 * A rebuilt HTTP item whose filter changed starts an empty window, so an item that needs {@code Count} seconds over
 * its threshold cannot fire while re-syncs come more often than that ({@link #wouldFire}).
 * Not thread-safe: one per agent, used under the agent's lock.
 */
public final class PolicyCache {

    private final Map<String, ServicePolicy> held = new HashMap<>();
    private final Map<String, Set<String>> watched = new HashMap<>();
    /** Per service, per watched process, each item ("TARGET/CHECKER") and when its window started. */
    private final Map<String, Map<String, Map<String, Window>>> windows = new HashMap<>();
    private int resyncs;

    /** An item as one process's checker holds it, and when (epoch ms) its window started collecting samples. */
    private record Window(PolicyItem item, long since) {
    }

    /** The UUID the agent sends for a service in queryPolicies; {@code ""} while it holds none. */
    public String heldUuid(String service) {
        ServicePolicy policy = held.get(service);
        return policy == null ? "" : policy.uuid();
    }

    /** Whether the agent holds a policy with checkers for the service. */
    public boolean holdsPolicy(String service) {
        ServicePolicy policy = held.get(service);
        return policy != null && !policy.profiling().isEmpty();
    }

    /** The processes the agent watches for a service: as they were when the service was last in a reply. */
    public Set<String> watched(String service) {
        return watched.getOrDefault(service, Set.of());
    }

    /**
     * Whether a reply re-synced the agent's checkers, and whether the agent needed it: a re-sync is needed when a
     * replied service changed the agent's process set or its policy content (a UUID other than by Groundstation's
     * URI-filter spelling suffix {@code -v<k>}); a re-sync for spelling alone restarts HTTP windows for nothing.
     */
    public enum Resync { NONE, NEEDED, UNNEEDED }

    /** What one reply did: the re-sync defects it set off and what kind of re-sync it was. */
    public record Applied(List<Misread> misreads, Resync resync) {
    }

    /**
     * Applies the services of an accepted reply.
     *
     * @param processesByService the agent's process ids per service at the time of the query
     * @param nowMillis          when the reply arrived (epoch ms): when the windows it restarts start again
     */
    public Applied apply(List<ServicePolicy> reply, Map<String, Set<String>> processesByService, long nowMillis) {
        boolean resync = false;
        boolean needed = false;
        for (ServicePolicy policy : reply) {
            String service = policy.serviceName();
            ServicePolicy old = held.get(service);
            // Same UUID: Rover ignores the content, but still refreshes the service's process set below.
            if (old == null || !old.uuid().equals(policy.uuid())) {
                held.put(service, policy);
                resync = true;
                needed |= old == null || !withoutSpelling(old.uuid()).equals(withoutSpelling(policy.uuid()));
            }
            Set<String> processes = Set.copyOf(processesByService.getOrDefault(service, Set.of()));
            if (!processes.equals(watched.put(service, processes))) {
                resync = true;
                needed = true;
            }
        }
        if (!resync) {
            return new Applied(List.of(), Resync.NONE);
        }
        return new Applied(rebuild(nowMillis), needed ? Resync.NEEDED : Resync.UNNEEDED);
    }

    private static String withoutSpelling(String uuid) {
        return uuid.replaceFirst("-v[1-9][0-9]*$", "");
    }

    /** Forgets everything, as a restarted agent does. */
    public void clear() {
        held.clear();
        watched.clear();
        windows.clear();
    }

    /** How many times the agent re-synced its checkers. */
    public int resyncs() {
        return resyncs;
    }

    /**
     * Whether the item ("TARGET/CHECKER") would fire at {@code nowMillis} on some watched process of the service,
     * when its condition has held every second since {@code conditionSinceMillis}: its window holds at least
     * {@code Count} seconds of samples over the threshold (Rover samples every second and checks every 5 s).
     */
    public boolean wouldFire(String service, String itemKey, long conditionSinceMillis, long nowMillis) {
        for (Map<String, Window> items : windows.getOrDefault(service, Map.of()).values()) {
            Window window = items.get(itemKey);
            if (window != null
                    && (nowMillis - Math.max(window.since(), conditionSinceMillis)) / 1000 >= window.item().count()) {
                return true;
            }
        }
        return false;
    }

    /** Rover's re-sync: every watched process gets fresh checkers; returns the items that kept a URI filter. */
    private List<Misread> rebuild(long nowMillis) {
        resyncs++;
        Map<String, Misread> defects = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Window>>> rebuilt = new HashMap<>();
        watched.forEach((service, processes) -> {
            ServicePolicy policy = held.get(service);
            Map<String, Map<String, Window>> before = windows.getOrDefault(service, Map.of());
            Map<String, Map<String, Window>> byProcess = new HashMap<>();
            for (String process : processes) {
                Map<String, Window> old = before.getOrDefault(process, Map.of());
                Map<String, Window> fresh = new HashMap<>();
                if (policy != null) {
                    policy.profiling().forEach((target, checkers) -> checkers.forEach((checker, item) -> {
                        String itemKey = target + "/" + checker;
                        Window kept = old.get(itemKey);
                        boolean sameFilter = kept != null && kept.item().sameUriFilter(item);
                        if (sameFilter && item.hasUriFilter()) {
                            MisreadKind kind = item.uriRegex().isEmpty()
                                    ? MisreadKind.POLICY_URI_LIST_REUSED : MisreadKind.POLICY_URI_REGEX_REUSED;
                            String where = service + "/" + itemKey;
                            defects.putIfAbsent(where, new Misread(kind, where));
                        }
                        // Process checkers keep their window; HTTP checkers keep it only for the same filter text.
                        boolean keeps = kept != null && (!target.equals("NETWORK") || sameFilter);
                        fresh.put(itemKey, new Window(item, keeps ? kept.since() : nowMillis));
                    }));
                }
                byProcess.put(process, fresh);
            }
            rebuilt.put(service, byProcess);
        });
        windows.clear();
        windows.putAll(rebuilt);
        return new ArrayList<>(defects.values());
    }
}
