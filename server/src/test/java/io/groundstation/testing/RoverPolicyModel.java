package io.groundstation.testing;

import io.groundstation.testing.StrictPolicyReader.Item;
import io.groundstation.testing.StrictPolicyReader.ServicePolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One agent's policy cache and checker re-sync, as protocol.md §4 describes Rover's: the UUID is the only change
 * signal; a service's watched processes are refreshed only when the service is in a reply; any UUID change or
 * process-set change rebuilds every checker of every watched process, reusing the old window of an item whose
 * URI filter is the same text (SameURIFilter) — which crashes the agent for a URI list and widens a regex to
 * every URI. {@link #apply} reports every such rebuilt item.
 */
public final class RoverPolicyModel {

    private final Map<String, ServicePolicy> cache = new HashMap<>();
    /** Processes the agent has registered, by service. */
    private final Map<String, Set<String>> registered = new TreeMap<>();
    /** Processes the agent watches, by service: refreshed only when the service is in a reply. */
    private final Map<String, Set<String>> watched = new HashMap<>();
    /** Each watched process's items, keyed "TARGET/CHECKER". */
    private final Map<String, Map<String, Item>> items = new HashMap<>();

    public void register(String service, String process) {
        registered.computeIfAbsent(service, s -> new HashSet<>()).add(process);
    }

    /** What the agent sends: one entry per service of its registered processes, with the UUID it holds. */
    public List<String[]> query() {
        List<String[]> query = new ArrayList<>();
        for (String service : registered.keySet()) {
            ServicePolicy held = cache.get(service);
            query.add(new String[]{service, held == null ? "" : held.uuid()});
        }
        return query;
    }

    /** Applies a reply; returns the rebuilt items that kept their URI filter text (each one a defect hit). */
    public List<String> apply(List<ServicePolicy> reply) {
        boolean changed = false;
        for (ServicePolicy service : reply) {
            ServicePolicy held = cache.get(service.serviceName());
            String heldUuid = held == null ? "" : held.uuid();
            if (!heldUuid.equals(service.uuid())) {
                changed = true;
                if (service.profiling() == null) {
                    cache.remove(service.serviceName());
                } else {
                    cache.put(service.serviceName(), service);
                }
            }
            Set<String> processes = Set.copyOf(registered.getOrDefault(service.serviceName(), Set.of()));
            if (!processes.equals(watched.getOrDefault(service.serviceName(), Set.of()))) {
                changed = true;
                watched.put(service.serviceName(), processes);
            }
        }
        return changed ? resync() : List.of();
    }

    private List<String> resync() {
        List<String> defects = new ArrayList<>();
        Map<String, Map<String, Item>> rebuilt = new HashMap<>();
        for (Map.Entry<String, Set<String>> service : watched.entrySet()) {
            ServicePolicy policy = cache.get(service.getKey());
            for (String process : service.getValue()) {
                String key = service.getKey() + "/" + process;
                Map<String, Item> fresh = new HashMap<>();
                if (policy != null) {
                    policy.profiling().forEach((target, checkers) -> checkers.forEach((checker, item) ->
                            fresh.put(target + "/" + checker, item)));
                }
                Map<String, Item> old = items.getOrDefault(key, Map.of());
                fresh.forEach((itemKey, item) -> {
                    Item before = old.get(itemKey);
                    boolean filtered = item.uriRegex() != null || !item.uriList().isEmpty();
                    if (before != null && filtered && Objects.equals(before.uriRegex(), item.uriRegex())
                            && before.uriList().equals(item.uriList())) {
                        defects.add(key + " " + itemKey + (item.uriList().isEmpty() ? " (regex widens)"
                                : " (URI list: agent crashes)"));
                    }
                });
                rebuilt.put(key, fresh);
            }
        }
        items.clear();
        items.putAll(rebuilt);
        return defects;
    }

    /** The UUID held for a service, "" when none. */
    public String held(String service) {
        ServicePolicy held = cache.get(service);
        return held == null ? "" : held.uuid();
    }

    public Set<String> services() {
        return registered.keySet();
    }
}
