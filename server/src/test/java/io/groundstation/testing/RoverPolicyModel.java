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
 * every URI. {@link #apply} reports every such rebuilt item. It also keeps, per item, when its window started: a
 * rebuilt HTTP item whose URI filter text changed starts an empty window, so an item that needs {@code Count}
 * seconds over its threshold cannot fire while re-syncs come more often than that ({@link #wouldFire}).
 */
public final class RoverPolicyModel {

    private final Map<String, ServicePolicy> cache = new HashMap<>();
    /** Processes the agent has registered, by service. */
    private final Map<String, Set<String>> registered = new TreeMap<>();
    /** Processes the agent watches, by service: refreshed only when the service is in a reply. */
    private final Map<String, Set<String>> watched = new HashMap<>();
    /** Each watched process's items, keyed "TARGET/CHECKER". */
    private final Map<String, Map<String, Window>> items = new HashMap<>();
    private int resyncs;

    /** An item and when (epoch ms) its window started collecting samples. */
    private record Window(Item item, long since) {
    }

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

    /**
     * Applies a reply received at {@code now} (epoch ms); returns the rebuilt items that kept their URI filter text
     * (each one a defect hit).
     */
    public List<String> apply(List<ServicePolicy> reply, long now) {
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
        return changed ? resync(now) : List.of();
    }

    private List<String> resync(long now) {
        resyncs++;
        List<String> defects = new ArrayList<>();
        Map<String, Map<String, Window>> rebuilt = new HashMap<>();
        for (Map.Entry<String, Set<String>> service : watched.entrySet()) {
            ServicePolicy policy = cache.get(service.getKey());
            for (String process : service.getValue()) {
                String key = service.getKey() + "/" + process;
                Map<String, Window> fresh = new HashMap<>();
                Map<String, Window> old = items.getOrDefault(key, Map.of());
                if (policy != null) {
                    policy.profiling().forEach((target, checkers) -> checkers.forEach((checker, item) -> {
                        String itemKey = target + "/" + checker;
                        Window before = old.get(itemKey);
                        boolean filtered = item.uriRegex() != null || !item.uriList().isEmpty();
                        boolean sameFilter = before != null && Objects.equals(before.item().uriRegex(),
                                item.uriRegex()) && before.item().uriList().equals(item.uriList());
                        if (sameFilter && filtered) {
                            defects.add(key + " " + itemKey + (item.uriList().isEmpty() ? " (regex widens)"
                                    : " (URI list: agent crashes)"));
                        }
                        // Process checkers keep their window; HTTP checkers keep it only for the same filter text.
                        boolean keeps = before != null && (!target.equals("NETWORK") || sameFilter);
                        fresh.put(itemKey, new Window(item, keeps ? before.since() : now));
                    }));
                }
                rebuilt.put(key, fresh);
            }
        }
        items.clear();
        items.putAll(rebuilt);
        return defects;
    }

    /** How many times the agent re-synced its checkers. */
    public int resyncs() {
        return resyncs;
    }

    /**
     * Whether the item would fire at {@code now} on some watched process of the service, when its condition has held
     * every second since {@code conditionSince}: its window holds at least {@code Count} seconds of samples over the
     * threshold (Rover samples every second and checks every 5 s).
     */
    public boolean wouldFire(String service, String itemKey, long conditionSince, long now) {
        for (String process : watched.getOrDefault(service, Set.of())) {
            Window window = items.getOrDefault(service + "/" + process, Map.of()).get(itemKey);
            if (window != null && (now - Math.max(window.since(), conditionSince)) / 1000 >= window.item().count()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the agent watches every process it registered, for every service it holds a policy of. */
    public boolean watchesAllItRegistered() {
        return registered.entrySet().stream().allMatch(e -> !cache.containsKey(e.getKey())
                || e.getValue().equals(watched.getOrDefault(e.getKey(), Set.of())));
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
