package io.groundstation.bench.reply;

/** One reply, or one part of a reply, that the agent would misread or crash on. */
public record Misread(MisreadKind kind, String detail) {
}
