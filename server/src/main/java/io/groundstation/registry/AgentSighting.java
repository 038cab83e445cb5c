package io.groundstation.registry;

/** An agent was heard from at this time (epoch ms). */
public record AgentSighting(String agentId, long seenAt) {
}
