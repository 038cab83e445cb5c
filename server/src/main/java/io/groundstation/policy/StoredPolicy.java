package io.groundstation.policy;

/** A policy as stored: its version and when it was last changed (epoch ms). */
public record StoredPolicy(Policy policy, String version, long updatedAt) {
}
