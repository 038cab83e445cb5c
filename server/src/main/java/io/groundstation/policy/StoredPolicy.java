package io.groundstation.policy;

/**
 * A policy as stored: its version, when it was last changed (epoch ms) and its targets in canonical JSON, the text
 * the version hashes. A policy read back carries the text exactly as it was stored.
 */
public record StoredPolicy(Policy policy, String version, long updatedAt, String canonicalJson) {

    /** A policy about to be stored: its canonical text is written once, and hashed into its version. */
    public static StoredPolicy of(Policy policy, long updatedAt) {
        String canonical = PolicyJson.canonical(policy);
        return new StoredPolicy(policy, PolicyVersion.ofCanonical(canonical), updatedAt, canonical);
    }
}
