package io.groundstation.registry;

/** How many known agents are alive (seen within the liveness window) and how many are not. */
public record AgentCounts(long alive, long dead) {
}
