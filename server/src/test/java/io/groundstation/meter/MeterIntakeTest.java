package io.groundstation.meter;

import io.groundstation.registry.Ids;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class MeterIntakeTest {

    private static final MeterHeader FULL = new MeterHeader("sqrt", "pod-1", 1_000);
    private static final MeterIntake INTAKE = new MeterIntake("rover_con_p_", 64);

    @Test
    void laterElementsInheritTheFirstElementsHeaderAndMayOverrideSingleFields() {
        InputSet.Read<MeterPoint> read = INTAKE.read(List.of(
                cpu(FULL, "sqrt", 10),
                cpu(MeterHeader.NONE, "envoy", 20),
                cpu(new MeterHeader("", "", 2_000), "envoy", 30),
                cpu(new MeterHeader("", "pod-2", 0), "envoy", 40)));

        assertThat(read.elements()).containsExactly(
                new MeterPoint(Ids.processId("sqrt", "pod-1", "sqrt"), ContinuousMetric.PROCESS_CPU, "", 1_000, 0, 10),
                new MeterPoint(Ids.processId("sqrt", "pod-1", "envoy"), ContinuousMetric.PROCESS_CPU, "", 1_000, 0, 20),
                new MeterPoint(Ids.processId("sqrt", "pod-1", "envoy"), ContinuousMetric.PROCESS_CPU, "", 2_000, 0, 30),
                new MeterPoint(Ids.processId("sqrt", "pod-2", "envoy"), ContinuousMetric.PROCESS_CPU, "", 2_000, 0, 40));
    }

    @Test
    void aHeaderOnADroppedElementStillPassesToTheNextOnes() {
        InputSet.Read<MeterPoint> read = INTAKE.read(List.of(
                ReportedMeter.other(FULL, "some_histogram"),
                ReportedMeter.single(MeterHeader.NONE, "jvm_threads", Map.of(), 3),
                cpu(MeterHeader.NONE, "sqrt", 10)));

        assertThat(read.ignored()).isEqualTo(2);
        assertThat(read.elements()).extracting(MeterPoint::timestamp, MeterPoint::value)
                .containsExactly(tuple(1_000L, 10.0));
    }

    @Test
    void withoutAnyHeaderOrProcessNameAMeterIsInvalid() {
        InputSet.Read<MeterPoint> read = INTAKE.read(List.of(
                cpu(MeterHeader.NONE, "sqrt", 10),
                ReportedMeter.single(FULL, "rover_con_p_process_cpu", Map.of("layer", "GENERAL"), 1),
                cpu(MeterHeader.NONE, "sqrt", Double.NaN),
                http(FULL, "x".repeat(65), 1)));

        assertThat(read.elements()).isEmpty();
        assertThat(read.invalid()).isEqualTo(4);
    }

    @Test
    void valuesSharingProcessMetricUriAndTimestampAreAllKeptInOrder() {
        InputSet.Read<MeterPoint> read = INTAKE.read(List.of(
                http(FULL, "/a", 1), http(FULL, "/a", 2), http(FULL, "/b", 3), http(FULL, "/a", 4)));

        assertThat(read.elements()).extracting(MeterPoint::uri, MeterPoint::seq, MeterPoint::value).containsExactly(
                tuple("/a", 0, 1.0),
                tuple("/a", 1, 2.0),
                tuple("/b", 0, 3.0),
                tuple("/a", 2, 4.0));
    }

    @Test
    void onlyMetersWithThePrefixAndAKnownNameAreKeptAndOnlyHttpOnesByUri() {
        InputSet.Read<MeterPoint> read = INTAKE.read(List.of(
                ReportedMeter.single(FULL, "rover_con_p_system_load", Map.of("process_name", "sqrt", "uri", "/x"), 2),
                ReportedMeter.single(FULL, "rover_con_p_disk_io", Map.of("process_name", "sqrt"), 2),
                ReportedMeter.single(FULL, "process_cpu", Map.of("process_name", "sqrt"), 2)));

        assertThat(read.elements()).extracting(MeterPoint::metric, MeterPoint::uri)
                .containsExactly(tuple(ContinuousMetric.SYSTEM_LOAD, ""));
        assertThat(read.ignored()).isEqualTo(2);
    }

    private static ReportedMeter cpu(MeterHeader header, String process, double value) {
        return ReportedMeter.single(header, "rover_con_p_process_cpu",
                Map.of("process_name", process, "layer", "GENERAL"), value);
    }

    private static ReportedMeter http(MeterHeader header, String uri, double value) {
        return ReportedMeter.single(header, "rover_con_p_http_error_rate",
                Map.of("process_name", "sqrt", "layer", "GENERAL", "uri", uri), value);
    }
}
