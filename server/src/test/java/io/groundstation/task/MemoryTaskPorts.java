package io.groundstation.task;

import io.groundstation.registry.Agent;
import io.groundstation.registry.AgentCounts;
import io.groundstation.registry.AgentHeartbeat;
import io.groundstation.registry.AgentSighting;
import io.groundstation.registry.HeartbeatWrites;
import io.groundstation.registry.InstanceSummary;
import io.groundstation.registry.ProcessQuery;
import io.groundstation.registry.ProcessState;
import io.groundstation.registry.RegisteredProcess;
import io.groundstation.registry.RegistryStore;
import io.groundstation.registry.ServiceQuery;
import io.groundstation.registry.ServiceSummary;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's storage port in memory, as the on-demand planners read it: the processes they choose from (tasks are
 * in {@link MemoryTaskStore}). What planning never calls throws, so a planner that starts calling it shows up here
 * first.
 */
final class MemoryTaskPorts {

    private MemoryTaskPorts() {
    }

    /** Processes as the registry would find them; tests put them in directly. */
    static final class Processes implements RegistryStore {

        private final Map<String, RegisteredProcess> byId = new LinkedHashMap<>();

        void put(RegisteredProcess process) {
            byId.put(process.id(), process);
        }

        @Override
        public List<RegisteredProcess> findProcesses(ProcessQuery query, long aliveSince) {
            return byId.values().stream()
                    .filter(p -> query.serviceName() == null || p.entity().serviceName().equals(query.serviceName()))
                    .filter(p -> query.instanceName() == null
                            || p.entity().instanceName().equals(query.instanceName()))
                    .filter(p -> query.state() == null
                            || (query.state() == ProcessState.ALIVE) == (p.lastSeen() >= aliveSince))
                    .skip(query.offset()).limit(query.limit()).toList();
        }

        @Override
        public List<String> processIdsOfAgent(String agentId, long aliveSince) {
            return byId.values().stream().filter(p -> p.agentId().equals(agentId) && p.lastSeen() >= aliveSince)
                    .map(RegisteredProcess::id).toList();
        }

        @Override
        public Optional<RegisteredProcess> findProcess(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public void saveRegistrations(AgentSighting agent, List<RegisteredProcess> processes) {
            throw unused();
        }

        @Override
        public HeartbeatWrites applyHeartbeats(List<AgentHeartbeat> heartbeats) {
            throw unused();
        }

        @Override
        public Map<String, RegisteredProcess> findProcesses(Collection<String> ids) {
            throw unused();
        }

        @Override
        public long countProcesses(ProcessQuery query, long aliveSince) {
            throw unused();
        }

        @Override
        public List<ServiceSummary> summarizeServices(long aliveSince) {
            throw unused();
        }

        @Override
        public List<ServiceSummary> summarizeServices(ServiceQuery query, long aliveSince) {
            throw unused();
        }

        @Override
        public long countServices(String search) {
            throw unused();
        }

        @Override
        public AgentCounts countAgents(long aliveSince) {
            throw unused();
        }

        @Override
        public List<InstanceSummary> summarizeInstances(String serviceName, long aliveSince) {
            throw unused();
        }

        @Override
        public List<Agent> findAgents(int offset, int limit, long aliveSince) {
            throw unused();
        }

        @Override
        public long countProcesses() {
            throw unused();
        }

        @Override
        public Set<String> servicesRegisteredSince(long since) {
            throw unused();
        }

        @Override
        public int deleteProcessesLastSeenBefore(long cutoff) {
            throw unused();
        }

        @Override
        public int deleteAgentsLastSeenBefore(long cutoff) {
            throw unused();
        }

        @Override
        public long countAliveProcessesOfAgent(String agentId, long aliveSince) {
            throw unused();
        }

        @Override
        public boolean hasService(String serviceName) {
            throw unused();
        }

        @Override
        public long countServices() {
            throw unused();
        }
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by on-demand planning");
    }
}
