package io.groundstation.network;

/**
 * What became of the items of one report: stored (under at least one task), unattributed (no NETWORK task held
 * their process at their time: dropped), invalid (not shaped as the protocol describes: dropped), ignored (not
 * network data: other meters, other log kinds) and capped (events stored without their content because their task
 * reached network.content.max-per-task).
 */
public record IntakeOutcome(int stored, int unattributed, int invalid, int ignored, int capped) {
}
