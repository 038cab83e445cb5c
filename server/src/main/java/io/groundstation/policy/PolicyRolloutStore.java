package io.groundstation.policy;

import java.util.Collection;
import java.util.List;

/**
 * Storage port of the policy rollout, written by every node: per agent its latest poll's time and digest, and its
 * holdings, one per service. The holdings change only when what the agent holds changes.
 */
public interface PolicyRolloutStore {

    /**
     * Stores each poll unless a later poll of the same agent with other holdings is stored: only its time when the
     * stored holdings are the same (by digest), else its holdings replace the stored ones. Returns the holding rows
     * written or deleted.
     */
    int save(Collection<AgentPoll> polls);

    /** The holdings of a service of agents that polled at or after {@code polledSince} (epoch ms), by agent id. */
    List<AgentHolding> find(String serviceName, long polledSince);

    /** Deletes agents (and their holdings) that last polled before {@code cutoff}; returns how many agents. */
    int deletePolledBefore(long cutoff);
}
