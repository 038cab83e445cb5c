package io.groundstation.policy;

/**
 * What an agent last said it holds of one service's policy — the version without its URI-filter variant, "" for
 * none — and when it last polled (epoch ms).
 */
public record AgentHolding(String serviceName, String agentId, String holds, long lastPolledAt) {
}
