package io.groundstation.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The version agents compare (their "UUID"): a hash of the canonical form, so the same policy has the same version
 * after a restart and on every node, and any change changes it. What an agent holds may carry a URI-filter variant
 * as a suffix, {@code <version>-v<k>}; no suffix means variant 0.
 */
public record PolicyVersion(String base, int variant) {

    private static final String SUFFIX = "-v";

    public static String of(Policy policy) {
        return ofCanonical(PolicyJson.canonical(policy));
    }

    /** The version of a policy whose canonical text is already written. */
    static String ofCanonical(String canonicalJson) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalJson.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** What an agent reported holding; the empty string means no policy. */
    public static PolicyVersion parse(String held) {
        int suffix = held.lastIndexOf(SUFFIX);
        if (suffix > 0) {
            try {
                int variant = Integer.parseInt(held.substring(suffix + SUFFIX.length()));
                if (variant > 0) {
                    return new PolicyVersion(held.substring(0, suffix), variant);
                }
            } catch (NumberFormatException ignored) {
                // not a variant suffix: the whole text is the version
            }
        }
        return new PolicyVersion(held, 0);
    }

    public String text() {
        return variant == 0 ? base : base + SUFFIX + variant;
    }
}
