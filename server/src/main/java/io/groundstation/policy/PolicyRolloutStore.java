package io.groundstation.policy;

import java.util.Collection;
import java.util.List;

/** Storage port of the policy rollout: one holding per (service, agent), written by every node. */
public interface PolicyRolloutStore {

    /** Stores each holding unless a later poll of the same service and agent is stored already. */
    void save(Collection<AgentHolding> holdings);

    /** The holdings of a service polled at or after {@code polledSince} (epoch ms). */
    List<AgentHolding> find(String serviceName, long polledSince);

    /** Deletes holdings last polled before {@code cutoff}; returns how many. */
    int deletePolledBefore(long cutoff);
}
