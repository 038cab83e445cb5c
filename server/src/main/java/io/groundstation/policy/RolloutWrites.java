package io.groundstation.policy;

/** What one rollout flush wrote: agents whose poll was stored, and holding rows written or deleted for them. */
public record RolloutWrites(int agents, int holdings) {

    static final RolloutWrites NONE = new RolloutWrites(0, 0);
}
