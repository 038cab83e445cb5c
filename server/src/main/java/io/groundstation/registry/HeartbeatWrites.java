package io.groundstation.registry;

/**
 * What applying a flush of heartbeats wrote: agent rows moved by a matching digest, agents whose heartbeat was
 * reconciled process by process, and process rows written by those reconciliations.
 */
public record HeartbeatWrites(int agentRowsMoved, int agentsReconciled, int processRows) {

    public static final HeartbeatWrites NONE = new HeartbeatWrites(0, 0, 0);

    public HeartbeatWrites plus(HeartbeatWrites other) {
        return new HeartbeatWrites(agentRowsMoved + other.agentRowsMoved, agentsReconciled + other.agentsReconciled,
                processRows + other.processRows);
    }
}
