package io.groundstation.policy;

/**
 * What an agent last said it holds of one service's policy — the version without its URI-filter variant, "" for
 * none — and when it last polled (epoch ms).
 */
public record AgentHolding(String serviceName, String agentId, String holds, long lastPolledAt) {

    /** The later of two holdings; {@code other} on a tie, as the one heard last. */
    AgentHolding newer(AgentHolding other) {
        return other.lastPolledAt >= lastPolledAt ? other : this;
    }
}
