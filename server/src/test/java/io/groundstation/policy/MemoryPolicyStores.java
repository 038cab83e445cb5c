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
    /** The rollout as its JDBC store keeps it: per agent one poll; holdings written or deleted only where they differ. */
    static final class Rollout implements PolicyRolloutStore {

        private final Map<String, AgentPoll> agents = new TreeMap<>();

        @Override
        public synchronized int save(Collection<AgentPoll> polls) {
            int holdings = 0;
            for (AgentPoll poll : polls) {
                AgentPoll stored = agents.get(poll.agentId());
                if (stored != null && stored.count() == poll.count() && stored.hash() == poll.hash()) {
                    agents.put(poll.agentId(), new AgentPoll(poll.agentId(), stored.holds(), stored.hash(),
                            Math.max(stored.polledAt(), poll.polledAt())));
                } else if (stored == null || poll.polledAt() >= stored.polledAt()) {
                    Map<String, String> before = stored == null ? Map.of() : stored.holds();
                    holdings += (int) before.keySet().stream().filter(s -> !poll.holds().containsKey(s)).count()
                            + (int) poll.holds().entrySet().stream()
                            .filter(h -> !h.getValue().equals(before.get(h.getKey()))).count();
                    agents.put(poll.agentId(), poll);
                }
            }
            return holdings;
        }

        @Override
        public synchronized List<AgentHolding> find(String serviceName, long polledSince) {
            List<AgentHolding> found = new ArrayList<>();
            agents.values().stream().filter(poll -> poll.polledAt() >= polledSince
                            && poll.holds().containsKey(serviceName))
                    .forEach(poll -> found.add(new AgentHolding(serviceName, poll.agentId(),
                            poll.holds().get(serviceName), poll.polledAt())));
            return found;
        }

        @Override
        public synchronized int deletePolledBefore(long cutoff) {
            int before = agents.size();
            agents.values().removeIf(poll -> poll.polledAt() < cutoff);
            return before - agents.size();
        }
    }
}
