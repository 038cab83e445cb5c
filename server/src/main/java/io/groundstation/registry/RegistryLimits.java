package io.groundstation.registry;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps that keep one misbehaving agent (or a label explosion) from filling the registry: alive processes per
 * agent, and services overall. Only processes new to the registry or to this agent count against them, so an
 * agent re-reporting what it holds is never refused. A report past a cap is refused whole ({@link RegistryFull}):
 * the agent ignores for good a process left out of an answered report (protocol.md §3), but retries a refused
 * call on its next tick.
 *
 * <p>The services cap must cost nothing on the registration path of a large fleet: services seen are kept in
 * memory, and only one not seen yet is looked up; the number of services is counted again only then, at most once
 * per {@link #RECOUNT_MILLIS}, and grows by the services this node adds in between. With several nodes the cap is
 * therefore approximate by what the other nodes added since the last count.
 */
public final class RegistryLimits {

    private static final long RECOUNT_MILLIS = 10_000;

    private final int maxProcessesPerAgent;
    private final int maxServices;
    private final Set<String> knownServices = ConcurrentHashMap.newKeySet();
    private long serviceCount = -1;
    private long countedAt;

    public RegistryLimits(int maxProcessesPerAgent, int maxServices) {
        this.maxProcessesPerAgent = maxProcessesPerAgent;
        this.maxServices = maxServices;
    }

    /**
     * Throws {@link RegistryFull} when registering {@code reports} (the valid ones, by process id) would pass a
     * cap; {@code known} are the stored processes among them.
     */
    void check(String agentId, Map<String, ProcessReport> reports, Map<String, RegisteredProcess> known,
               RegistryCounts store, long now, long aliveSince) {
        int newToAgent = 0;
        Set<String> newServices = new LinkedHashSet<>();
        for (Map.Entry<String, ProcessReport> report : reports.entrySet()) {
            RegisteredProcess before = known.get(report.getKey());
            if (before != null && before.agentId().equals(agentId)) {
                continue;
            }
            newToAgent++;
            String service = report.getValue().entity().serviceName();
            if (before == null && !newServices.contains(service) && !isKnown(service, store)) {
                newServices.add(service);
            }
        }
        if (newToAgent > 0) {
            long alive = store.countAliveProcessesOfAgent(agentId, aliveSince);
            if (alive + newToAgent > maxProcessesPerAgent) {
                throw new RegistryFull("agent " + agentId + " would hold " + (alive + newToAgent)
                        + " alive processes; limit.processes-per-agent is " + maxProcessesPerAgent);
            }
        }
        if (!newServices.isEmpty()) {
            takeRoomForServices(newServices.size(), store, now);
            knownServices.addAll(newServices);
        }
    }

    private boolean isKnown(String service, RegistryCounts store) {
        if (knownServices.contains(service)) {
            return true;
        }
        if (store.hasService(service)) {
            knownServices.add(service);
            return true;
        }
        return false;
    }

    private synchronized void takeRoomForServices(int more, RegistryCounts store, long now) {
        if (serviceCount < 0 || now - countedAt >= RECOUNT_MILLIS) {
            serviceCount = store.countServices();
            countedAt = now;
        }
        if (serviceCount + more > maxServices) {
            throw new RegistryFull(more + " new services would make " + (serviceCount + more)
                    + "; limit.services is " + maxServices);
        }
        serviceCount += more;
    }
}
