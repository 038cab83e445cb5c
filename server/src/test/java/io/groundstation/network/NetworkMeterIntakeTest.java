package io.groundstation.network;

import io.groundstation.meter.MeterHeader;
import io.groundstation.meter.ReportedMeter;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.task.ProfilingTask;
import io.groundstation.task.TriggerType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkMeterIntakeTest {

    private static final String APP = "a".repeat(64);
    private static final String DB = "d".repeat(64);
    private static final MeterHeader HEADER = new MeterHeader("shop", "pod-1", 12_000);
    private static final Map<String, String> TO_DB = Map.of("client_process_id", APP, "server_process_id", DB,
            "side", "client", "protocol", "http", "is_ssl", "false");
    /** The intake reads the prefix, the longest label and the slice; the content caps are not its concern. */
    private static final NetworkLimits LIMITS = new NetworkLimits("rover_net_p_", 1024, Duration.ofSeconds(10),
            Duration.ZERO, Long.MAX_VALUE, Long.MAX_VALUE);
    private static final Link LINK = new Link(APP, new Peer(Peer.Kind.PROCESS, DB), "client", "http", false);

    private static ProfilingTask task(String id, TriggerType trigger, List<String> processes, long start) {
        return new ProfilingTask(id, trigger, ProfilingTarget.NETWORK, "shop", "pod-1", null, processes, start, 60,
                start, start, List.of(), "", List.of(), 0, null, null, id, List.of());
    }

    private static NetworkMeterIntake intake(List<ProfilingTask> tasks) {
        return new NetworkMeterIntake(LIMITS, new NetworkAttribution(() -> tasks, 0));
    }

    @Test
    void meansAreWeightedByTheirCountsAndBucketsMergeInAnyOrder() {
        NetworkMeterIntake.Reading reading = intake(List.of(task("t", TriggerType.FIXED_TIME, List.of(APP), 0)))
                .read(List.of(
                        ReportedMeter.single(HEADER, "rover_net_p_client_write_counts_counter", TO_DB, 4),
                        ReportedMeter.single(MeterHeader.NONE, "rover_net_p_client_write_exe_time_counter", TO_DB,
                                250),
                        ReportedMeter.single(MeterHeader.NONE, "rover_net_p_http1_client_duration_avg", TO_DB, 9),
                        ReportedMeter.histogram(MeterHeader.NONE, "rover_net_p_client_write_rtt_histogram", TO_DB,
                                List.of(new ReportedMeter.Bucket(50, false, 2), new ReportedMeter.Bucket(0, false, 1),
                                        new ReportedMeter.Bucket(50, false, 3))),
                        ReportedMeter.single(MeterHeader.NONE, "rover_con_p_process_cpu", Map.of(), 3)));

        assertThat(reading.batch().values()).containsOnly(
                Map.entry(new MeterKey("t", LINK, 10_000, "client_write_counts_counter", ""), new MeterTotal(4, 0)),
                Map.entry(new MeterKey("t", LINK, 10_000, "client_write_exe_time_counter", ""),
                        new MeterTotal(1000, 4)),
                // No http1_request_counter in the collection: weight 1.
                Map.entry(new MeterKey("t", LINK, 10_000, "http1_client_duration_avg", ""), new MeterTotal(9, 1)));
        assertThat(reading.batch().buckets()).containsOnly(
                Map.entry(new BucketKey("t", LINK, 10_000, "client_write_rtt_histogram", 0), 1L),
                Map.entry(new BucketKey("t", LINK, 10_000, "client_write_rtt_histogram", 50), 5L));
        assertThat(reading.stored()).isEqualTo(4);
        assertThat(reading.ignored()).isEqualTo(1);
    }

    @Test
    void everyHoldingTaskGetsTheValueAndNoneIsUnattributed() {
        NetworkMeterIntake intake = intake(List.of(task("fixed", TriggerType.FIXED_TIME, List.of(APP), 0),
                task("triggered", TriggerType.CONTINUOUS_PROFILING, List.of("other"), 10_000),
                task("later", TriggerType.FIXED_TIME, List.of(APP), 13_000)));

        NetworkMeterIntake.Reading reading = intake.read(List.of(
                ReportedMeter.single(HEADER, "rover_net_p_http1_request_counter", TO_DB, 2),
                ReportedMeter.single(new MeterHeader("shop", "pod-2", 0), "rover_net_p_http1_request_counter",
                        TO_DB, 5),
                ReportedMeter.single(new MeterHeader("", "", 100_000), "rover_net_p_http1_request_counter", TO_DB,
                        7)));

        // The triggered task holds its whole instance (pod-1); the fixed one its listed process anywhere.
        assertThat(reading.batch().values()).containsOnly(
                Map.entry(new MeterKey("fixed", LINK, 10_000, "http1_request_counter", ""), new MeterTotal(7, 0)),
                Map.entry(new MeterKey("triggered", LINK, 10_000, "http1_request_counter", ""),
                        new MeterTotal(2, 0)));
        assertThat(reading.stored()).isEqualTo(2);
        assertThat(reading.unattributed()).isEqualTo(1);
    }

    @Test
    void elementsTheProtocolDoesNotDescribeAreInvalid() {
        NetworkMeterIntake intake = intake(List.of(task("t", TriggerType.FIXED_TIME, List.of(APP), 0)));
        Map<String, String> twoPeers = new java.util.HashMap<>(TO_DB);
        twoPeers.put("server_local", "true");
        Map<String, String> noSide = new java.util.HashMap<>(TO_DB);
        noSide.remove("side");

        NetworkMeterIntake.Reading reading = intake.read(List.of(
                ReportedMeter.single(MeterHeader.NONE, "rover_net_p_http1_request_counter", TO_DB, 1),
                ReportedMeter.single(HEADER, "rover_net_p_http1_request_counter", twoPeers, 1),
                ReportedMeter.single(MeterHeader.NONE, "rover_net_p_http1_request_counter", noSide, 1),
                ReportedMeter.single(MeterHeader.NONE, "rover_net_p_http1_request_counter", TO_DB, Double.NaN),
                ReportedMeter.histogram(MeterHeader.NONE, "rover_net_p_x_histogram", TO_DB,
                        List.of(new ReportedMeter.Bucket(Double.POSITIVE_INFINITY, false, 1)))));

        assertThat(reading.invalid()).isEqualTo(5);
        assertThat(reading.batch().isEmpty()).isTrue();
    }
}
