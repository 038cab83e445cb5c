package io.groundstation.registry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Caps that keep one misbehaving agent (or a label explosion) from filling the registry: alive processes per
 * agent, and services overall. Only processes new to the registry or to this agent count against them, so an
 * agent re-reporting what it holds is never refused; the first new ones in report order are taken.
 */
public record RegistryLimits(int maxProcessesPerAgent, int maxServices) {

    /** The reason a process over {@link #maxProcessesPerAgent} is refused; also its metric label. */
    public static final String AGENT_FULL = "over limit.processes-per-agent";
    /** The reason a process of a new service over {@link #maxServices} is refused; also its metric label. */
    public static final String SERVICES_FULL = "over limit.services";

    /**
     * The refusal reason of each report (by process id) that the caps do not let in. {@code reports} are the
     * accepted reports in order; {@code known} the stored processes among them.
     */
    Map<String, String> refusals(String agentId, Map<String, ProcessReport> reports,
                                 Map<String, RegisteredProcess> known, RegistryStore store, long aliveSince) {
        Map<String, String> refused = new HashMap<>();
        Set<String> newServices = new HashSet<>();
        int agentRoom = -1;
        int serviceRoom = -1;
        for (Map.Entry<String, ProcessReport> report : reports.entrySet()) {
            RegisteredProcess before = known.get(report.getKey());
            if (before != null && before.agentId().equals(agentId)) {
                continue;
            }
            String service = report.getValue().entity().serviceName();
            if (before == null && !newServices.contains(service) && !store.hasService(service)) {
                if (serviceRoom < 0) {
                    serviceRoom = (int) Math.max(0, maxServices - store.countServices());
                }
                if (serviceRoom == 0) {
                    refused.put(report.getKey(), SERVICES_FULL);
                    continue;
                }
                serviceRoom--;
                newServices.add(service);
            }
            if (agentRoom < 0) {
                agentRoom = (int) Math.max(0, maxProcessesPerAgent - store.countAliveProcessesOfAgent(agentId,
                        aliveSince));
            }
            if (agentRoom == 0) {
                refused.put(report.getKey(), AGENT_FULL);
                continue;
            }
            agentRoom--;
        }
        return refused;
    }
}
