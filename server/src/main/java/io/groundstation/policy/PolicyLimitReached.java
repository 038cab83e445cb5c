package io.groundstation.policy;

/** A policy for one more service would pass {@code limit.policies}; the services that have one keep it. */
public final class PolicyLimitReached extends RuntimeException {
    public PolicyLimitReached(String message) {
        super(message);
    }
}
