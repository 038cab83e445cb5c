package io.groundstation.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Storage port of the process registry. Times are epoch milliseconds; last seen never moves backwards. A process's
 * last seen, wherever this port reports one, is its effective one: the later of its own and, while an agent holds
 * it, that agent's latest heartbeat that named everything it holds ({@link Membership}).
 */
public interface RegistryStore extends RegistryCounts {

    /**
     * Inserts or replaces the processes (keeping first seen), held by the reporting agent, and records the agent;
     * durable on return. Concurrent calls may share one transaction.
     */
    void saveRegistrations(AgentSighting agent, List<RegisteredProcess> processes);

    /**
     * Applies heartbeats (each agent's in time order) as {@link Membership} describes, re-creating named processes
     * the store does not know.
     */
    HeartbeatWrites applyHeartbeats(List<AgentHeartbeat> heartbeats);

    Optional<RegisteredProcess> findProcess(String id);

    /** The stored processes among these ids, by id. */
    Map<String, RegisteredProcess> findProcesses(Collection<String> ids);

    List<RegisteredProcess> findProcesses(ProcessQuery query, long aliveSince);

    long countProcesses(ProcessQuery query, long aliveSince);

    List<ServiceSummary> summarizeServices(long aliveSince);

    /** One page of {@link #summarizeServices}, filtered and sorted by the store. */
    List<ServiceSummary> summarizeServices(ServiceQuery query, long aliveSince);

    /** Distinct services whose name contains {@code search} (ignoring ASCII case; null: all). */
    long countServices(String search);

    AgentCounts countAgents(long aliveSince);

    List<InstanceSummary> summarizeInstances(String serviceName, long aliveSince);

    /** Agents, most recently seen first, each with the number of alive processes it last reported. */
    List<Agent> findAgents(int offset, int limit, long aliveSince);

    long countProcesses();

    /** Ids of the processes this agent reported or kept alive last, seen at or after {@code aliveSince}. */
    List<String> processIdsOfAgent(String agentId, long aliveSince);

    /** Services with a process named by a reportProcesses at or after {@code since}. */
    Set<String> servicesRegisteredSince(long since);

    int deleteProcessesLastSeenBefore(long cutoff);

    int deleteAgentsLastSeenBefore(long cutoff);
}
