package io.groundstation.network;

/**
 * What network meters are kept per: the local process, its peer, the local process's side of the connection
 * ({@code client} or {@code server}), the protocol ({@code http} or {@code unknown}) and whether it is TLS.
 */
public record Link(String processId, Peer peer, String side, String protocol, boolean ssl) {

    public boolean clientSide() {
        return "client".equals(side);
    }
}
