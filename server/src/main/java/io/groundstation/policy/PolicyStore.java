package io.groundstation.policy;

import java.util.List;
import java.util.Optional;

/** Storage port of policies. Every version ever stored stays readable, so an agent's held version can be read. */
public interface PolicyStore {

    void save(StoredPolicy policy);

    boolean delete(String serviceName);

    List<StoredPolicy> findAll();

    /** A policy by one of its versions (current or past), for reading what an agent holds. */
    Optional<Policy> findVersion(String version);
}
