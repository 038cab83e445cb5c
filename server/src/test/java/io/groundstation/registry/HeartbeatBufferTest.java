package io.groundstation.registry;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatBufferTest {

    private final HeartbeatBuffer buffer = new HeartbeatBuffer(100);

    @Test
    void theSameSetNamedAgainKeepsOneHeartbeatWithTheNewestTimeAndFlags() {
        buffer.record("a", named(true, "p1", "p2"), 1_000, false, false);
        buffer.record("a", named(false, "p1", "p2"), 21_000, false, false);

        List<AgentHeartbeat> taken = buffer.take(21_000);

        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).seenAt()).isEqualTo(21_000);
        assertThat(taken.get(0).processes()).allMatch(p -> !p.ebpfSupported());
        assertThat(buffer.pending()).as("in flight").isEqualTo(2);
        buffer.done(List.of());
        assertThat(buffer.pending()).isZero();
    }

    @Test
    void aKeepAliveJoinsTheReportOfItsRoundAsOfTheReportsTime() {
        buffer.record("a", named(true, "new"), 40_000, true, true);
        buffer.record("a", named(true, "p1", "p2"), 40_050, false, false);

        List<AgentHeartbeat> taken = buffer.take(40_100);

        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).seenAt()).isEqualTo(40_000);
        assertThat(ids(taken.get(0))).containsExactlyInAnyOrder("new", "p1", "p2");
    }

    @Test
    void aReportOfOnlyNewProcessesWaitsForItsKeepAliveAndIsThenDroppedUnwritten() {
        buffer.record("a", named(true, "new"), 40_000, true, true);
        assertThat(buffer.pending()).as("already stored").isZero();

        assertThat(buffer.take(45_000)).as("still waiting for the keep-alive").isEmpty();
        assertThat(buffer.take(40_000 + HeartbeatBuffer.ROUND_MILLIS + 1)).isEmpty();
        buffer.record("a", named(true, "p1"), 51_000, false, false);
        List<AgentHeartbeat> taken = buffer.take(51_000);
        assertThat(taken).hasSize(1);
        assertThat(ids(taken.get(0))).as("too late to join the report").containsExactly("p1");
    }

    @Test
    void aReReportOfUnchangedProcessesIsAHeartbeat() {
        buffer.record("a", named(true, "p1", "p2"), 200_000, true, false);

        assertThat(buffer.take(200_000)).extracting(AgentHeartbeat::seenAt).containsExactly(200_000L);
    }

    @Test
    void aDifferentSetInALaterRoundIsAHeartbeatOfItsOwnAfterTheFirst() {
        buffer.record("a", named(true, "p1", "p2"), 20_000, false, false);
        buffer.record("a", named(true, "p1"), 40_000, false, false);

        assertThat(buffer.take(40_000)).extracting(AgentHeartbeat::seenAt).containsExactly(20_000L, 40_000L);
    }

    @Test
    void pastItsBoundTheBufferRefusesWhatWouldAddProcessesButTakesWhatItHolds() {
        HeartbeatBuffer small = new HeartbeatBuffer(2);
        assertThat(small.record("a", named(true, "p1", "p2"), 1_000, false, false)).isTrue();

        assertThat(small.record("b", named(true, "q1"), 1_000, false, false)).isFalse();
        assertThat(small.record("a", named(true, "p1", "p2"), 21_000, false, false)).as("no growth").isTrue();
        assertThat(small.record("a", named(true, "p1", "p2", "p3"), 21_000, false, false)).isFalse();
        assertThat(small.pending()).isEqualTo(2);
        assertThat(small.take(21_000)).extracting(AgentHeartbeat::seenAt).containsExactly(21_000L);
    }

    @Test
    void aFailedWriteGoesBackBeforeWhatCameSinceAndCountsWhileInFlight() {
        HeartbeatBuffer small = new HeartbeatBuffer(3);
        small.record("a", named(true, "p1", "p2"), 1_000, false, false);
        List<AgentHeartbeat> taken = small.take(1_000);
        assertThat(small.record("b", named(true, "q1", "q2"), 21_000, false, false)).as("2 in flight").isFalse();
        small.record("a", named(true, "p1"), 21_000, false, false);

        small.done(taken);

        assertThat(small.pending()).isEqualTo(3);
        assertThat(small.take(21_000)).extracting(AgentHeartbeat::seenAt).containsExactly(1_000L, 21_000L);
    }

    @Test
    void anAgentKeepsOnlyItsNewestHeartbeatsWhileTheyCannotBeWritten() {
        for (int round = 0; round < HeartbeatBuffer.MAX_PER_AGENT + 2; round++) {
            buffer.record("a", named(true, "p" + round), round * 20_000L, false, false);
        }

        List<AgentHeartbeat> taken = buffer.take(200_000);

        assertThat(taken).hasSize(HeartbeatBuffer.MAX_PER_AGENT);
        assertThat(taken.get(0).seenAt()).isEqualTo(2 * 20_000L);
        assertThat(buffer.pending()).isEqualTo(HeartbeatBuffer.MAX_PER_AGENT);
    }

    private static Map<String, SightedProcess> named(boolean ebpf, String... ids) {
        Map<String, SightedProcess> named = new LinkedHashMap<>();
        for (String id : ids) {
            named.put(id, new SightedProcess(id, new ProcessEntity("GENERAL", "svc", "pod", id, List.of()), ebpf));
        }
        return named;
    }

    private static List<String> ids(AgentHeartbeat heartbeat) {
        return heartbeat.processes().stream().map(SightedProcess::id).toList();
    }
}
