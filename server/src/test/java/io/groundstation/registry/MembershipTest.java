package io.groundstation.registry;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MembershipTest {

    @Test
    void aHeartbeatNamingExactlyTheHeldSetChangesNoProcess() {
        MembershipChange change = Membership.reconcile(heartbeat("a", 40_000, "p1", "p2"),
                new HeldProcesses(20_000, Map.of("p1", true, "p2", true)), Map.of());

        assertThat(change.processRows()).isZero();
        assertThat(change.membersSeen()).isEqualTo(40_000);
        assertThat(change.digest()).isEqualTo(heartbeat("a", 0, "p1", "p2").digest());
    }

    @Test
    void aProcessNoLongerNamedIsReleasedAsSeenAtTheLastHeartbeatThatNamedIt() {
        MembershipChange change = Membership.reconcile(heartbeat("a", 40_000, "p1"),
                new HeldProcesses(20_000, Map.of("p1", true, "p2", true)), Map.of());

        assertThat(change.released()).containsExactly("p2");
        assertThat(change.releasedSeen()).isEqualTo(20_000);
        assertThat(change.digest()).isEqualTo(heartbeat("a", 0, "p1").digest());
    }

    @Test
    void unknownProcessesAreCreatedHeldAndAFlagChangeIsWritten() {
        MembershipChange change = Membership.reconcile(heartbeat("a", 40_000, "p1", "p3"),
                new HeldProcesses(20_000, Map.of("p1", false)), Map.of());

        assertThat(change.created()).extracting(SightedProcess::id).containsExactly("p3");
        assertThat(change.createdHeld()).isTrue();
        assertThat(change.flags()).containsExactly(Map.entry("p1", true));
    }

    @Test
    void aProcessLastSeenEarlierUnderAnotherAgentIsTakenAndThatAgentMustRecount() {
        MembershipChange change = Membership.reconcile(heartbeat("a", 40_000, "p1"),
                new HeldProcesses(0, Map.of()), Map.of("p1", new OtherProcess("p1", "b", true, 39_000)));

        assertThat(change.taken()).containsExactly(new MembershipChange.Taken("p1", 39_000, true));
        assertThat(change.staleAgents()).containsExactly("b");
    }

    @Test
    void aProcessSeenLaterUnderAnotherAgentStaysThere() {
        MembershipChange change = Membership.reconcile(heartbeat("a", 40_000, "p1"),
                new HeldProcesses(0, Map.of()), Map.of("p1", new OtherProcess("p1", "b", true, 41_000)));

        assertThat(change.taken()).isEmpty();
        assertThat(change.staleAgents()).isEmpty();
        assertThat(change.digest()).isEqualTo(MemberDigest.ofFlags(Map.of()));
    }

    @Test
    void aHeartbeatOlderThanTheNewestAppliedOnlyCreditsWhatTheAgentDoesNotHold() {
        MembershipChange change = Membership.reconcile(heartbeat("a", 30_000, "p1", "p2", "p3"),
                new HeldProcesses(40_000, Map.of("p1", true)),
                Map.of("p2", new OtherProcess("p2", "a", false, 20_000)));

        assertThat(change.released()).as("it cannot tell what the agent holds now").isEmpty();
        assertThat(change.credited()).containsExactly("p2");
        assertThat(change.created()).extracting(SightedProcess::id).containsExactly("p3");
        assertThat(change.createdHeld()).isFalse();
        assertThat(change.membersSeen()).isEqualTo(40_000);
        assertThat(change.digest()).isEqualTo(MemberDigest.ofFlags(Map.of("p1", true)));
    }

    @Test
    void theDigestDependsOnTheSetAndTheFlagsButNotTheOrder() {
        assertThat(heartbeat("a", 0, "p1", "p2").digest()).isEqualTo(heartbeat("b", 9, "p2", "p1").digest());
        assertThat(heartbeat("a", 0, "p1", "p2").digest()).isNotEqualTo(heartbeat("a", 0, "p1", "p3").digest());
        assertThat(MemberDigest.ofFlags(Map.of("p1", true))).isNotEqualTo(MemberDigest.ofFlags(Map.of("p1", false)));
    }

    private static AgentHeartbeat heartbeat(String agent, long at, String... ids) {
        return new AgentHeartbeat(agent, at, List.of(ids).stream()
                .map(id -> new SightedProcess(id, new ProcessEntity("GENERAL", "svc", "pod", id, List.of()), true))
                .toList());
    }
}
