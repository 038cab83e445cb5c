package io.groundstation.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Storage port of the process registry. Times are epoch milliseconds; last seen never moves backwards. */
public interface RegistryStore {

    /** Inserts or replaces the processes (keeping first seen), and records the agent; durable on return. */
    void saveRegistrations(AgentSighting agent, List<RegisteredProcess> processes);

    /** Advances last seen of each pinged process, re-creating the ones the store does not know. */
    void applyPings(Collection<PendingPing> pings);

    /** Advances last seen of each agent, creating unknown ones. */
    void applyAgentSightings(Collection<AgentSighting> agents);

    Optional<RegisteredProcess> findProcess(String id);

    /** The stored processes among these ids, by id. */
    Map<String, RegisteredProcess> findProcesses(Collection<String> ids);

    List<RegisteredProcess> findProcesses(ProcessQuery query, long aliveSince);

    long countProcesses(ProcessQuery query, long aliveSince);

    List<ServiceSummary> summarizeServices(long aliveSince);

    List<InstanceSummary> summarizeInstances(String serviceName, long aliveSince);

    /** Agents, most recently seen first, each with the number of alive processes it last reported. */
    List<Agent> findAgents(int offset, int limit, long aliveSince);

    long countProcesses();

    /** Processes whose last report or keep-alive came from this agent, seen at or after {@code aliveSince}. */
    long countAliveProcessesOfAgent(String agentId, long aliveSince);

    boolean hasService(String serviceName);

    /** Distinct services among the stored processes. */
    long countServices();

    /** Ids of the processes this agent reported or kept alive last, seen at or after {@code aliveSince}. */
    List<String> processIdsOfAgent(String agentId, long aliveSince);

    /** Services with a process named by a reportProcesses at or after {@code since}. */
    Set<String> servicesRegisteredSince(long since);

    int deleteProcessesLastSeenBefore(long cutoff);

    int deleteAgentsLastSeenBefore(long cutoff);
}
