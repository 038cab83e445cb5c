package io.groundstation.bench.reply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policies one agent holds and the process sets it applied them to, updated from queryPolicies replies the way
 * Rover updates them. It also spots the Rover re-sync defect (protocol.md §4): a reply that changes any UUID or any
 * process set rebuilds every watched item, and an HTTP item whose URI filter did not change keeps a broken window.
 * Not thread-safe: one per agent, used under the agent's lock.
 */
public final class PolicyCache {

    private final Map<String, ServicePolicy> held = new HashMap<>();
    private final Map<String, Set<String>> watched = new HashMap<>();

    /** The UUID the agent sends for a service in queryPolicies; {@code ""} while it holds none. */
    public String heldUuid(String service) {
        ServicePolicy policy = held.get(service);
        return policy == null ? "" : policy.uuid();
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
     */
    public Applied apply(List<ServicePolicy> reply, Map<String, Set<String>> processesByService) {
        Map<String, ServicePolicy> heldBefore = new HashMap<>(held);
        Map<String, Set<String>> watchedBefore = new HashMap<>(watched);
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
        return new Applied(reusedUriFilters(heldBefore, watchedBefore), needed ? Resync.NEEDED : Resync.UNNEEDED);
    }

    private static String withoutSpelling(String uuid) {
        return uuid.replaceFirst("-v[1-9][0-9]*$", "");
    }

    /** Forgets everything, as a restarted agent does. */
    public void clear() {
        held.clear();
        watched.clear();
    }

    private List<Misread> reusedUriFilters(Map<String, ServicePolicy> heldBefore,
                                           Map<String, Set<String>> watchedBefore) {
        List<Misread> defects = new ArrayList<>();
        for (Map.Entry<String, Set<String>> service : watched.entrySet()) {
            ServicePolicy before = heldBefore.get(service.getKey());
            ServicePolicy now = held.get(service.getKey());
            if (before == null || now == null || !overlaps(watchedBefore.get(service.getKey()), service.getValue())) {
                continue;
            }
            now.profiling().forEach((target, checkers) -> checkers.forEach((checker, item) -> {
                PolicyItem old = before.profiling().getOrDefault(target, Map.of()).get(checker);
                if (item.hasUriFilter() && old != null && old.sameUriFilter(item)) {
                    MisreadKind kind = item.uriRegex().isEmpty()
                            ? MisreadKind.POLICY_URI_LIST_REUSED : MisreadKind.POLICY_URI_REGEX_REUSED;
                    defects.add(new Misread(kind, service.getKey() + "/" + target + "/" + checker));
                }
            }));
        }
        return defects;
    }

    private static boolean overlaps(Set<String> before, Set<String> now) {
        if (before == null) {
            return false;
        }
        Set<String> common = new HashSet<>(before);
        common.retainAll(now);
        return !common.isEmpty();
    }
}
