package io.groundstation.registry;

/**
 * A stored process that a heartbeat named but its agent does not hold: held by another agent, or by none since its
 * agent stopped naming it. {@code lastSeen} is its effective last seen (the holder's heartbeat included).
 */
public record OtherProcess(String id, String agentId, boolean held, long lastSeen) {
}
