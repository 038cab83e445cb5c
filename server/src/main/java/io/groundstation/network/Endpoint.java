package io.groundstation.network;

/** One end of a sampled request as the agent describes it: a process id, a local address, or an address. */
public record Endpoint(String processId, boolean local, String address) {

    public static final Endpoint UNKNOWN = new Endpoint("", false, "");
}
