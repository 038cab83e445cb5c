package io.groundstation.agent;

import io.groundstation.bench.reply.Misread;
import io.groundstation.jobs.Termination;
import io.groundstation.testing.fixtures.PolicyPollingAgent;
import io.groundstation.testing.harness.TestServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet whose pods come and go, each agent on its own connection as Rover keeps it, polling like Rover (queryTasks
 * then queryPolicies every 10 s) and modelled by the fleet simulator's
 * {@link io.groundstation.bench.reply.PolicyCache}. Every 3 s one of the busy agents finds a new pod of "shop"; the
 * quiet agent finds none. Its "error rate ≥ 5 % for 15 of 30 s" item, URI-filtered, can only fire if no reply
 * re-syncs it for 15 s: with targeted re-sends it keeps its windows and fires; when every agent shares one
 * connection (a proxy balancing calls) Groundstation cannot tell the agents apart, falls back to re-sending every
 * service that gained processes, and the item never fires — the behaviour this shield replaced.
 */
class ChurningFleetModelIT {

    private static final String POLICY = """
            {"targets": {"ON_CPU": {"PROCESS_CPU": {"threshold": 80, "period": 10, "count": 5}},
                         "NETWORK": {"HTTP_ERROR_RATE": {"threshold": 5, "period": 30, "count": 15,
                                                         "uriRegex": "/api/.*"}}}}""";
    private static final String HTTP_ITEM = "NETWORK/HTTP_ERROR_RATE";
    private static final int AGENTS = 6;
    private static final int SECONDS = 240;
    /** Past the policy.resend-window (20 s) after start, during which a new agent gets the fallback. */
    private static final int WARM_UP_SECONDS = 30;

    @TempDir
    Path data;

    private record Agent(String id, ManagedChannel channel, PolicyPollingAgent model, int[] registrations) {
    }

    private record Outcome(int quietResyncsAfterWarmUp, int quietPollsAfterWarmUp, boolean quietFired,
                           List<Integer> busyResyncsAfterWarmUp, List<Integer> busyRegistrationsAfterWarmUp,
                           List<Misread> defects, boolean allWatchTheirProcesses, String metrics) {
    }

    @Test
    void anAgentWithNoNewProcessesKeepsItsWindowsAndItsUriFilteredItemFires() {
        Outcome outcome = run(data, false);

        assertThat(outcome.defects()).isEmpty();
        assertThat(outcome.quietResyncsAfterWarmUp()).as("re-syncs of the quiet agent").isZero();
        assertThat(outcome.quietFired()).as("the 15-of-30 s item fires while its condition holds").isTrue();
        for (int i = 0; i < outcome.busyResyncsAfterWarmUp().size(); i++) {
            assertThat(outcome.busyResyncsAfterWarmUp().get(i)).as("busy agent %d re-syncs only for its own pods", i)
                    .isPositive().isLessThanOrEqualTo(outcome.busyRegistrationsAfterWarmUp().get(i));
        }
        assertThat(outcome.allWatchTheirProcesses()).as("every agent watches every pod it found").isTrue();
        assertThat(outcome.metrics()).contains("groundstation_policy_polls_total{poller=\"agent\"}")
                .doesNotContain("poller=\"shared_connection\"");
    }

    @Test
    void onAConnectionSharedByAllAgentsEveryPollFallsBackToResendingAndTheItemNeverFires() {
        Outcome outcome = run(data, true);

        assertThat(outcome.defects()).as("the fallback still never keeps a URI filter's text").isEmpty();
        assertThat(outcome.quietResyncsAfterWarmUp()).as("every poll of the quiet agent re-syncs it")
                .isEqualTo(outcome.quietPollsAfterWarmUp());
        assertThat(outcome.quietFired()).isFalse();
        assertThat(outcome.allWatchTheirProcesses()).isTrue();
        assertThat(outcome.metrics()).contains("groundstation_policy_polls_total{poller=\"shared_connection\"}");
    }

    private static Outcome run(Path data, boolean sharedConnection) {
        try (TestServer server = TestServer.start(data)) {
            assertThat(server.send("PUT", "/api/policies/shop", POLICY, null).statusCode()).isEqualTo(200);
            List<Agent> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                ManagedChannel channel = sharedConnection ? server.channel() : ManagedChannelBuilder
                        .forAddress("127.0.0.1", server.server().grpcPort()).usePlaintext().build();
                agents.add(new Agent("agent-" + i, channel, new PolicyPollingAgent(), new int[1]));
            }
            try {
                return simulate(server, agents);
            } finally {
                if (!sharedConnection) {
                    agents.forEach(a -> shutDown(a.channel()));
                }
            }
        }
    }

    private static Outcome simulate(TestServer server, List<Agent> agents) {
        long start = server.clock().millis();
        agents.forEach(agent -> register(agent));
        Agent quiet = agents.get(0);
        List<Agent> busy = agents.subList(1, agents.size());
        List<Misread> defects = new ArrayList<>();
        int quietResyncsAtWarmUp = 0;
        int quietPollsAfterWarmUp = 0;
        boolean quietFired = false;
        List<Integer> busyResyncsAtWarmUp = new ArrayList<>();
        int[] busyRegistrationsAtWarmUp = new int[busy.size()];
        for (int second = 0; second < SECONDS; second++) {
            long now = server.clock().millis();
            if (second == WARM_UP_SECONDS) {
                quietResyncsAtWarmUp = quiet.model().cache().resyncs();
                busy.forEach(a -> busyResyncsAtWarmUp.add(a.model().cache().resyncs()));
                for (int i = 0; i < busy.size(); i++) {
                    busyRegistrationsAtWarmUp[i] = busy.get(i).registrations()[0];
                }
            }
            if (second > 0 && second % 3 == 0) {
                register(busy.get((second / 3) % busy.size()));
            }
            for (int i = 0; i < agents.size(); i++) {
                if (second % 10 == i) {
                    defects.addAll(poll(agents.get(i), now));
                    if (i == 0 && second >= WARM_UP_SECONDS) {
                        quietPollsAfterWarmUp++;
                    }
                }
            }
            if (second >= WARM_UP_SECONDS && quiet.model().cache().wouldFire("shop", HTTP_ITEM, start, now)) {
                quietFired = true;
            }
            server.clock().advance(Duration.ofSeconds(1));
        }
        int quietResyncs = quiet.model().cache().resyncs() - quietResyncsAtWarmUp;
        List<Integer> busyResyncs = new ArrayList<>();
        List<Integer> busyRegistrations = new ArrayList<>();
        for (int i = 0; i < busy.size(); i++) {
            busyResyncs.add(busy.get(i).model().cache().resyncs() - busyResyncsAtWarmUp.get(i));
            busyRegistrations.add(busy.get(i).registrations()[0] - busyRegistrationsAtWarmUp[i]);
        }
        // One more round of polls: whatever was registered last has reached its agent.
        long now = server.clock().millis();
        agents.forEach(agent -> defects.addAll(poll(agent, now)));
        return new Outcome(quietResyncs, quietPollsAfterWarmUp, quietFired,
                busyResyncs, busyRegistrations, defects,
                agents.stream().allMatch(a -> a.model().watchesAllItRegistered()), server.get("/metrics").body());
    }

    /** The agent finds one more pod of "shop" and reports it. */
    private static void register(Agent agent) {
        int n = ++agent.registrations()[0];
        String process = "proc-" + n;
        EBPFProcessServiceGrpc.newBlockingStub(agent.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID(agent.id()).addProcesses(k8s(entity("K8S_SERVICE", "shop", agent.id() + "-pod-" + n,
                        process), 100 + n, process)).build());
        agent.model().register("shop", process);
    }

    /** One round of Rover's profiling loop: queryTasks (which names the agent), then queryPolicies. */
    private static List<Misread> poll(Agent agent, long now) {
        EBPFProfilingServiceGrpc.newBlockingStub(agent.channel()).queryTasks(EBPFProfilingTaskQuery.newBuilder()
                .setRoverInstanceId(agent.id()).setLatestUpdateTime(0).build());
        return agent.model().poll(agent.channel(), now);
    }

    private static void shutDown(ManagedChannel channel) {
        channel.shutdownNow();
        Termination.awaitUpTo(Duration.ofSeconds(5), channel::awaitTermination);
    }
}
