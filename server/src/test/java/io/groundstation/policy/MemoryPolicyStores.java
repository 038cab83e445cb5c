package io.groundstation.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The policy storage ports in memory, for fast tests of the rules. */
final class MemoryPolicyStores {

    private MemoryPolicyStores() {
    }

    static final class Policies implements PolicyStore {

        private final Map<String, StoredPolicy> current = new TreeMap<>();
        private final Map<String, Policy> versions = new ConcurrentHashMap<>();

        @Override
        public synchronized void save(StoredPolicy policy) {
            current.put(policy.policy().serviceName(), policy);
            versions.put(policy.version(), policy.policy());
        }

        @Override
        public synchronized boolean delete(String serviceName) {
            return current.remove(serviceName) != null;
        }

        @Override
        public synchronized List<StoredPolicy> findAll() {
            return List.copyOf(current.values());
        }

        @Override
        public synchronized Optional<StoredPolicy> find(String serviceName) {
            return Optional.ofNullable(current.get(serviceName));
        }

        @Override
        public synchronized int count() {
            return current.size();
        }

        @Override
        public Optional<Policy> findVersion(String version) {
            return Optional.ofNullable(versions.get(version));
        }
    }

    /** Keeps the latest holding per (service, agent), as the JDBC store does; counts what it was given. */
    static final class Rollout implements PolicyRolloutStore {

        private final Map<String, AgentHolding> rows = new TreeMap<>();
        int saved;

        @Override
        public synchronized void save(Collection<AgentHolding> holdings) {
            for (AgentHolding h : holdings) {
                rows.merge(h.serviceName() + "\n" + h.agentId(), h, AgentHolding::newer);
                saved++;
            }
        }

        @Override
        public synchronized List<AgentHolding> find(String serviceName, long polledSince) {
            List<AgentHolding> found = new ArrayList<>();
            rows.values().stream().filter(h -> h.serviceName().equals(serviceName) && h.lastPolledAt() >= polledSince)
                    .forEach(found::add);
            return found;
        }

        @Override
        public synchronized int deletePolledBefore(long cutoff) {
            int before = rows.size();
            rows.values().removeIf(h -> h.lastPolledAt() < cutoff);
            return before - rows.size();
        }
    }
}
