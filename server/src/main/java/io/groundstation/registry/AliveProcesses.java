package io.groundstation.registry;

import java.util.List;

/** What other capabilities read of the registry to choose processes; {@link ProcessRegistry} answers from storage. */
public interface AliveProcesses {

    /** The alive processes of a service (and of one of its instances, when {@code instanceName} is not null). */
    List<RegisteredProcess> aliveProcesses(String serviceName, String instanceName, int limit);

    /** Ids of the processes whose last report or keep-alive came from this agent and that are alive. */
    List<String> aliveProcessIdsOf(String agentId);
}
