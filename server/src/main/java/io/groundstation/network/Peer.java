package io.groundstation.network;

/**
 * The other end of a connection as the agent labels it: a profiled process of the same instance (by id), a local
 * address that is not profiled, or a remote {@code ip:port}. {@code value} is empty for {@link Kind#LOCAL}.
 */
public record Peer(Kind kind, String value) {

    public enum Kind { PROCESS, LOCAL, ADDRESS }

    public static final Peer LOCAL = new Peer(Kind.LOCAL, "");

    /** The node id of this peer in a topology: process ids as they are, {@code local}, {@code address:ip:port}. */
    public String nodeId() {
        return switch (kind) {
            case PROCESS -> value;
            case LOCAL -> "local";
            case ADDRESS -> "address:" + value;
        };
    }
}
