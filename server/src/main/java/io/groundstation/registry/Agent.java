package io.groundstation.registry;

/** An agent (one Rover start): its id changes on every agent restart. Counts only its alive processes. */
public record Agent(String id, long firstSeen, long lastSeen, int processCount) {
}
