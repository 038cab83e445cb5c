package io.groundstation.policy;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A current policy as agent polls are answered with it: its {@code ServiceWithPolicyJSON} entry is written once per
 * URI-filter spelling and then served as is, so a poll writes no JSON. Versions never change, so an entry stays
 * right for as long as the policy keeps its version; a reload keeps the same instance then.
 */
final class ServedPolicy {

    /** Spellings kept: the answer needs one differing from what the agent holds, so in practice 0, 1 or 2. */
    private static final int KEPT_VARIANTS = 4;

    private final StoredPolicy stored;
    private final AtomicReferenceArray<String> entries = new AtomicReferenceArray<>(KEPT_VARIANTS);

    ServedPolicy(StoredPolicy stored) {
        this.stored = stored;
    }

    StoredPolicy stored() {
        return stored;
    }

    /** The entry in the given spelling, exactly as {@link AgentPolicyJson#entry} writes it. */
    String entry(int variant) {
        if (variant >= KEPT_VARIANTS) {
            return AgentPolicyJson.entry(stored.policy(), stored.version(), variant);
        }
        String entry = entries.get(variant);
        if (entry == null) {
            entry = AgentPolicyJson.entry(stored.policy(), stored.version(), variant);
            entries.set(variant, entry);
        }
        return entry;
    }
}
