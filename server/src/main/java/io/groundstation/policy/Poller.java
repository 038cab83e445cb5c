package io.groundstation.policy;

/**
 * Who sent a policy poll, as far as the connection it came on tells (queryPolicies itself names no agent):
 * one agent, or nobody in particular when the connection carries several agents or has not named one yet.
 * {@code attribution} says which, for metrics.
 */
public record Poller(String agentId, String attribution) {

    public static final Poller SHARED_CONNECTION = new Poller(null, "shared_connection");
    public static final Poller UNNAMED_CONNECTION = new Poller(null, "unnamed_connection");

    public static Poller agent(String agentId) {
        return new Poller(agentId, "agent");
    }

    public boolean known() {
        return agentId != null;
    }
}
