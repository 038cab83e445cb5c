package io.groundstation.profile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One call stack, root first: user-space frames, then kernel-space frames ({@code kernelFrames} of them, at the
 * leaf end). Its id hashes its content, so the same stack has the same id in every upload and on every node.
 */
public record Stack(List<String> frames, int kernelFrames) {

    public Stack {
        frames = List.copyOf(frames);
    }

    public String id() {
        return hash(String.join("\n", frames) + "\n#" + kernelFrames, 16);
    }

    /** The id of a symbol name: the first hex digits of its SHA-256. */
    public static String symbolId(String name) {
        return hash(name, 8);
    }

    private static String hash(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
