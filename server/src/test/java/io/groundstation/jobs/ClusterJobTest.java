package io.groundstation.jobs;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterJobTest {

    /** Earlier versions hold these keys in the lease table; a node under another name would run a job twice. */
    @Test
    void leaseNamesStayWhatEarlierVersionsWrote() {
        assertThat(Arrays.stream(ClusterJob.values()).map(ClusterJob::lease)).containsExactly("registry-purge",
                "meter-purge", "task-purge", "stack-purge", "rollout-purge", "pyroscope-export");
    }
}
