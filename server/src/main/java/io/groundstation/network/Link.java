package io.groundstation.network;

import java.util.Comparator;

/**
 * What network meters are kept per: the local process, its peer, the local process's side of the connection
 * ({@code client} or {@code server}), the protocol ({@code http} or {@code unknown}) and whether it is TLS.
 */
public record Link(String processId, Peer peer, String side, String protocol, boolean ssl) {

    /** A total order on links, the same on every node: writers take row locks in it. */
    public static final Comparator<Link> ORDER = Comparator.comparing(Link::processId)
            .thenComparing(link -> link.peer().kind())
            .thenComparing(link -> link.peer().value())
            .thenComparing(Link::side)
            .thenComparing(Link::protocol)
            .thenComparing(Link::ssl);

    public boolean clientSide() {
        return "client".equals(side);
    }
}
