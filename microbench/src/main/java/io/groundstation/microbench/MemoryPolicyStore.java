package io.groundstation.microbench;

import io.groundstation.policy.Policy;
import io.groundstation.policy.PolicyStore;
import io.groundstation.policy.StoredPolicy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Policies in memory: agent polls are answered from the PolicyService's in-memory book, not the database. */
final class MemoryPolicyStore implements PolicyStore {

    private final Map<String, StoredPolicy> current = new HashMap<>();
    private final Map<String, Policy> versions = new HashMap<>();

    @Override
    public void save(StoredPolicy policy) {
        current.put(policy.policy().serviceName(), policy);
        versions.put(policy.version(), policy.policy());
    }

    @Override
    public boolean delete(String serviceName) {
        return current.remove(serviceName) != null;
    }

    @Override
    public List<StoredPolicy> findAll() {
        return List.copyOf(current.values());
    }

    @Override
    public Optional<StoredPolicy> find(String serviceName) {
        return Optional.ofNullable(current.get(serviceName));
    }

    @Override
    public int count() {
        return current.size();
    }

    @Override
    public Optional<Policy> findVersion(String version) {
        return Optional.ofNullable(versions.get(version));
    }
}
