package io.groundstation.profile;

/** Two profiles of different kinds (on-CPU samples and off-CPU time, or a NETWORK task): no diff between them. */
public final class ProfilesNotComparable extends RuntimeException {

    public ProfilesNotComparable(String message) {
        super(message);
    }
}
