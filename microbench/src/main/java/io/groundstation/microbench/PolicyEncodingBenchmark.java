package io.groundstation.microbench;

import io.groundstation.policy.AgentHolding;
import io.groundstation.policy.AgentPoll;
import io.groundstation.policy.HeldPolicy;
import io.groundstation.policy.Policy;
import io.groundstation.policy.PolicyJson;
import io.groundstation.policy.PolicyRollout;
import io.groundstation.policy.PolicyRolloutStore;
import io.groundstation.policy.PolicyService;
import io.groundstation.policy.PolicyValidator;
import io.groundstation.policy.PolicyVersion;
import io.groundstation.policy.Poller;
import io.groundstation.policy.StoredPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What queryPolicies costs once policies are in memory: the answer to an agent whose policy changed (the
 * ServiceWithPolicyJSON it receives; AgentPolicyJson is package-private, so through PolicyService.answer) and to one
 * whose policy did not (the common poll). The policy has two targets and three checkers, one of them HTTP with a URI
 * regex, and changed only its CPU threshold, so the answer re-spells the unchanged regex (protocol.md §4). The
 * version hash is compared with SHA-256 of the canonical text it hashes, its floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyEncodingBenchmark {

    private static final String SERVICE = "shop::svc-3";
    private static final Poller AGENT = Poller.agent("agent-1");

    private PolicyService policies;
    private Policy policy;
    private List<HeldPolicy> heldBeforeChange;
    private List<HeldPolicy> heldCurrent;
    private byte[] canonicalText;
    private MessageDigest sha256;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        // The rollout keeps polls in memory until a flush, which a benchmark never runs: its store is never called.
        PolicyRollout rollout = new PolicyRollout(new PolicyRolloutStore() {
            @Override
            public int save(Collection<AgentPoll> polls) {
                throw new UnsupportedOperationException("the benchmark never flushes the rollout");
            }

            @Override
            public List<AgentHolding> find(String serviceName, long polledSince) {
                throw new UnsupportedOperationException("the benchmark never reads the rollout");
            }

            @Override
            public int deletePolledBefore(long cutoff) {
                throw new UnsupportedOperationException("the benchmark never purges the rollout");
            }
        }, Duration.ofSeconds(60), clock);
        policies = new PolicyService(new MemoryPolicyStore(), new PolicyValidator(1024), since -> Set.of(),
                Duration.ofSeconds(2), Duration.ofSeconds(20), 10_000, rollout, clock);
        String before = policies.put(SERVICE, targets(90)).version();
        StoredPolicy current = policies.put(SERVICE, targets(80));
        policy = current.policy();
        heldBeforeChange = List.of(new HeldPolicy(SERVICE, before));
        heldCurrent = List.of(new HeldPolicy(SERVICE, current.version()));
        canonicalText = PolicyJson.canonical(policy).getBytes(StandardCharsets.UTF_8);
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** As an operator sends it to PUT /api/policies/{service}, parsed. */
    private static Map<String, Object> targets(int cpuPercent) {
        return Map.of(
                "ON_CPU", Map.of(
                        "PROCESS_CPU", Map.of("threshold", cpuPercent, "period", 10, "count", 5),
                        "PROCESS_THREAD_COUNT", Map.of("threshold", 500, "period", 30, "count", 10)),
                "NETWORK", Map.of(
                        "HTTP_ERROR_RATE", Map.of("threshold", "5.5", "period", 10, "count", 3,
                                "uriRegex", "^/api/v[12]/(orders|carts)/[0-9]+(/items)?$")));
    }

    @Benchmark
    public Optional<String> answerChangedPolicy() {
        return policies.answer(AGENT, heldBeforeChange);
    }

    @Benchmark
    public Optional<String> answerUnchangedPolicy() {
        return policies.answer(AGENT, heldCurrent);
    }

    @Benchmark
    public String canonicalJson() {
        return PolicyJson.canonical(policy);
    }

    @Benchmark
    public String version() {
        return PolicyVersion.of(policy);
    }

    @Benchmark
    public byte[] versionFloorSha256() {
        return sha256.digest(canonicalText);
    }
}
