package io.groundstation.jobs;

/** Storage port of job leases, shared by every node on the database. Times are epoch milliseconds. */
public interface LeaseStore {

    /**
     * Gives {@code holder} the lease of {@code job} until {@code expiresAt} if nobody holds it, its lease expired
     * before {@code now}, or {@code holder} already holds it (a renewal). Atomic across nodes: of several nodes
     * asking at once, at most one gets it. True when {@code holder} holds the lease on return.
     */
    boolean tryAcquire(String job, String holder, long now, long expiresAt);

    /** Gives the lease up if {@code holder} holds it, so that another node may take it at once. */
    void release(String job, String holder);
}
