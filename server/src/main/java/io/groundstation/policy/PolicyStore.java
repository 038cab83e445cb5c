package io.groundstation.policy;

import java.util.List;
import java.util.Optional;

/**
 * Storage port of policies. Every version ever stored stays readable, so an agent's held version can be read. What
 * was stored was valid when stored, and is read back as it was (a limit lowered since does not unmake it).
 */
public interface PolicyStore {

    void save(StoredPolicy policy);

    boolean delete(String serviceName);

    List<StoredPolicy> findAll();

    Optional<StoredPolicy> find(String serviceName);

    /** How many services have a policy. */
    int count();

    /** A policy by one of its versions (current or past), for reading what an agent holds. */
    Optional<Policy> findVersion(String version);
}
