package io.groundstation.bench.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Turns {@code host:port} into a socket address and refuses anything but loopback: load from these tools must never
 * leave the machine, whatever a user types.
 */
public final class LoopbackAddress {

    private LoopbackAddress() {
    }

    public static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected host:port, got " + hostPort);
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in " + hostPort);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("bad port in " + hostPort);
        }
        return new InetSocketAddress(resolveLoopback(host), port);
    }

    public static InetAddress resolveLoopback(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException(host + " is not a loopback address; only loopback targets are allowed");
        }
        return address;
    }
}
