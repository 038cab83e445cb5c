package io.groundstation.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cluster-wide background jobs (purges of expired data): every node schedules them, and a run happens only on
 * the node that holds the job's lease in the shared database. The holder renews the lease at each run and keeps
 * it in between, so with several nodes a job still runs about once per interval. A lease lasts two intervals:
 * when its holder dies, even mid-run, another node takes the job over within that time. Jobs must therefore be
 * idempotent: a run cut short is simply done again by the next holder.
 */
public final class LeasedJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeasedJobs.class);

    private final LeaseStore leases;
    private final String node;
    private final Clock clock;
    private final Map<ClusterJob, Job> jobs = new ConcurrentHashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "groundstation-jobs");
        thread.setDaemon(true);
        return thread;
    });

    private record Job(Duration interval, Runnable work) {
    }

    /** {@code node} names this node in the lease table; it must differ between nodes. */
    public LeasedJobs(LeaseStore leases, String node, Clock clock) {
        this.leases = leases;
        this.node = node;
        this.clock = clock;
    }

    /** Runs {@code work} every {@code interval}, on whichever single node holds the lease of {@code name}. */
    public void schedule(ClusterJob name, Duration interval, Runnable work) {
        if (jobs.putIfAbsent(name, new Job(interval, work)) != null) {
            throw new IllegalArgumentException("job " + name.lease() + " is already scheduled");
        }
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                runIfLeaseHolder(name);
            } catch (RuntimeException e) {
                LOG.warn("Job {} failed, will retry: {}", name.lease(), e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs the job now if this node holds or can take its lease; true when it ran. */
    public boolean runIfLeaseHolder(ClusterJob name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw new IllegalArgumentException("no job " + name.lease());
        }
        long now = clock.millis();
        if (!leases.tryAcquire(name.lease(), node, now, now + 2 * job.interval().toMillis())) {
            return false;
        }
        job.work().run();
        return true;
    }

    public String node() {
        return node;
    }

    /** Stops scheduling, lets a running job finish, and hands this node's leases over at once. */
    @Override
    public void close() {
        executor.shutdown();
        Termination.awaitUpTo(Duration.ofSeconds(10), executor::awaitTermination);
        for (ClusterJob name : jobs.keySet()) {
            try {
                leases.release(name.lease(), node);
            } catch (RuntimeException e) {
                LOG.warn("Could not release the lease of job {}; it expires by itself: {}", name.lease(),
                        e.getMessage());
            }
        }
    }
}
