package io.groundstation.task;

import io.groundstation.task.ProfilingTarget;
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

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The storage ports the on-demand planners read and write, in memory: the processes they choose from and the
 * fixed-time tasks they make, stop and keep alive. What planning never calls throws, so a planner that starts
 * calling it shows up here first.
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

    /** Fixed-time tasks with the JDBC store's rules: update times only grow, a stop shortens the task. */
    static final class Tasks implements TaskStore {

        /** How long a stopped task is still served to agents, as JdbcTaskStore serves it. */
        private static final long RECENTLY_STOPPED_MILLIS = 3_600_000;

        private final Map<String, ProfilingTask> byId = new LinkedHashMap<>();
        private long lastUpdate;

        private long nextUpdateTime(long now) {
            lastUpdate = Math.max(lastUpdate + 1, now);
            return lastUpdate;
        }

        @Override
        public synchronized List<ProfilingTask> createFixedTime(List<ProfilingTask> tasks, long now) {
            List<ProfilingTask> created = new ArrayList<>();
            for (ProfilingTask task : tasks) {
                ProfilingTask stamped = task.withUpdateTime(nextUpdateTime(now));
                byId.put(stamped.id(), stamped);
                created.add(stamped);
            }
            return created;
        }

        @Override
        public synchronized Optional<ProfilingTask> stop(String taskId, long now) {
            ProfilingTask task = byId.get(taskId);
            if (task == null || task.trigger() != TriggerType.FIXED_TIME || task.stoppedAt() != null
                    || task.endTime() <= now) {
                return Optional.empty();
            }
            int duration = task.startTime() >= now ? 1 : (int) ((now - task.startTime() + 999) / 1000);
            ProfilingTask stopped = task.withUpdateTime(nextUpdateTime(now)).withDurationSeconds(duration)
                    .withStoppedAt(now);
            byId.put(taskId, stopped);
            return Optional.of(stopped);
        }

        @Override
        public synchronized void extend(String taskId, int durationSeconds, long now) {
            ProfilingTask task = byId.get(taskId);
            if (task != null && task.trigger() == TriggerType.FIXED_TIME && task.runningAt(now)) {
                byId.put(taskId, task.withUpdateTime(nextUpdateTime(now)).withDurationSeconds(durationSeconds));
            }
        }

        @Override
        public synchronized List<ProfilingTask> liveFixedTimeTasks(long now) {
            return byId.values().stream().filter(t -> t.trigger() == TriggerType.FIXED_TIME)
                    .filter(t -> t.endTime() > now
                            || (t.stoppedAt() != null && t.stoppedAt() > now - RECENTLY_STOPPED_MILLIS))
                    .sorted(Comparator.comparingLong(ProfilingTask::updateTime)).toList();
        }

        @Override
        public synchronized List<ProfilingTask> endingAfter(ProfilingTarget target, long time) {
            return byId.values().stream().filter(t -> t.target() == target && t.endTime() > time)
                    .sorted(Comparator.comparingLong(ProfilingTask::startTime).thenComparing(ProfilingTask::id))
                    .toList();
        }

        @Override
        public synchronized List<ProfilingTask> findByRequest(String requestId) {
            return byId.values().stream().filter(t -> Objects.equals(t.requestId(), requestId)).toList();
        }

        @Override
        public synchronized Optional<ProfilingTask> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public synchronized long countRunning(long now) {
            return byId.values().stream().filter(t -> t.runningAt(now)).count();
        }

        @Override
        public Optional<String> activeTrigger(String processId, ProfilingTarget target, long now) {
            throw unused();
        }

        @Override
        public String claimAndCreate(ProfilingTask task, long now) {
            throw unused();
        }

        @Override
        public void countRepeat(String taskId) {
            throw unused();
        }

        @Override
        public long countRunningTriggered(String serviceName, long now) {
            throw unused();
        }

        @Override
        public List<TriggerCount<Long>> triggeredPerHour(long since) {
            throw unused();
        }

        @Override
        public List<TriggerCount<String>> mostTriggered(long since, int limit) {
            throw unused();
        }

        @Override
        public void recordRefusal(String serviceName, long now) {
            throw unused();
        }

        @Override
        public TriggerRefusals refusals(String serviceName) {
            throw unused();
        }

        @Override
        public List<ProfilingTask> find(TaskQuery query) {
            throw unused();
        }

        @Override
        public long count(TaskQuery query) {
            throw unused();
        }

        @Override
        public List<String> endedBefore(long cutoff, int limit) {
            throw unused();
        }

        @Override
        public int delete(List<String> taskIds) {
            throw unused();
        }

        @Override
        public Map<String, TriggerStats> triggerStats(List<String> processIds, ProfilingTarget target) {
            throw unused();
        }
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("not used by on-demand planning");
    }
}
