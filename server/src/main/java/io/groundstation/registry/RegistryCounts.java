package io.groundstation.registry;

/** What the registry's caps read from storage ({@link RegistryLimits}); part of {@link RegistryStore}. */
public interface RegistryCounts {

    /** Processes whose last report or keep-alive came from this agent, seen at or after {@code aliveSince}. */
    long countAliveProcessesOfAgent(String agentId, long aliveSince);

    boolean hasService(String serviceName);

    /** Distinct services among the stored processes. */
    long countServices();
}
