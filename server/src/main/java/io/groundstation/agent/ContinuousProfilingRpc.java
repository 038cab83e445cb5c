package io.groundstation.agent;

import io.groundstation.policy.CheckerType;
import io.groundstation.policy.HeldPolicy;
import io.groundstation.policy.Poller;
import io.groundstation.policy.PolicyService;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.task.Cause;
import io.groundstation.task.TriggerGovernor;
import io.groundstation.task.TriggerReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * {@code skywalking.v3.ContinuousProfilingService}. queryPolicies answers zero commands or exactly one policy
 * command; reportProfilingTask answers exactly one task command or an error status, never an empty Commands
 * (Rover reads element 0 of that reply unconditionally).
 */
final class ContinuousProfilingRpc extends ContinuousProfilingServiceGrpc.ContinuousProfilingServiceImplBase
        implements MemoryAnswers {

    /**
     * How long the policy snapshot must stay fresh for a poll to run on the transport's thread. The poll runs
     * microseconds after the check; the margin covers a GC pause, so that a reload (a database read, which can wait
     * seconds in an outage) never runs on the transport's thread.
     */
    private static final long FRESH_MARGIN_MILLIS = 250;

    private final PolicyService policies;
    private final TriggerGovernor triggers;
    private final RequestLimits limits;
    private final Meter.MeterProvider<Counter> polls;

    ContinuousProfilingRpc(PolicyService policies, TriggerGovernor triggers, RequestLimits limits,
                           MeterRegistry metrics) {
        this.policies = policies;
        this.triggers = triggers;
        this.limits = limits;
        this.polls = Counter.builder("groundstation_policy_polls").description("Policy polls by what their"
                + " connection tells of the agent: agent (re-sends only what it needs), shared_connection or"
                + " unnamed_connection (re-sends what any agent needs).").withRegistry(metrics);
    }

    @Override
    public Map<String, BooleanSupplier> answeredFromMemory() {
        return Map.of(ContinuousProfilingServiceGrpc.getQueryPoliciesMethod().getFullMethodName(),
                () -> policies.answersFromMemoryFor(FRESH_MARGIN_MILLIS));
    }

    @Override
    public void queryPolicies(ContinuousProfilingPolicyQuery request, StreamObserver<Commands> out) {
        Rpc.reply(out, "queryPolicies", () -> {
            limits.checkItems("queryPolicies", request.getPoliciesCount());
            List<HeldPolicy> held = request.getPoliciesList().stream()
                    .filter(q -> !q.getServiceName().isBlank())
                    .map(ContinuousProfilingRpc::held).toList();
            Poller poller = AgentConnections.poller();
            polls.withTags("poller", poller.attribution()).increment();
            return policies.answer(poller, held)
                    .map(json -> AgentCommands.policies(json, UUID.randomUUID().toString()))
                    .orElse(AgentCommands.none());
        });
    }

    private static HeldPolicy held(ContinuousProfilingServicePolicyQuery query) {
        return new HeldPolicy(query.getServiceName(), query.getUuid());
    }

    @Override
    public void reportProfilingTask(ContinuousProfilingReport request, StreamObserver<Commands> out) {
        Rpc.reply(out, "reportProfilingTask", () -> {
            String method = "reportProfilingTask";
            for (String name : List.of(request.getServiceName(), request.getInstanceName(), request.getProcessName())) {
                if (name.isBlank()) {
                    throw RequestLimits.refuse(method + ": service, instance and process names are required");
                }
                limits.checkName(method, "name", name);
            }
            ProfilingTarget target = switch (request.getTargetTaskCase()) {
                case ONCPU -> ProfilingTarget.ON_CPU;
                case OFFCPU -> ProfilingTarget.OFF_CPU;
                case NETWORK -> ProfilingTarget.NETWORK;
                case TARGETTASK_NOT_SET -> throw RequestLimits.refuse(method + ": no target task (onCPU, offCPU"
                        + " or network)");
            };
            limits.checkItems(method, request.getCausesCount());
            limits.checkItems(method, request.getNetwork().getSamplingURIRegexesCount());
            for (ContinuousProfilingCause cause : request.getCausesList()) {
                limits.checkName(method, "cause URI", cause.getUri().getPath());
                limits.checkName(method, "cause URI regex", cause.getUri().getRegex());
            }
            for (String regex : request.getNetwork().getSamplingURIRegexesList()) {
                limits.checkName(method, "sampling URI regex", regex);
            }
            TriggerReport report = new TriggerReport(request.getLayer(), request.getServiceName(),
                    request.getInstanceName(), request.getProcessName(), target, request.getDuration(),
                    request.getCausesList().stream().map(ContinuousProfilingRpc::cause).toList(),
                    request.getNetwork().getSamplingURIRegexesList());
            return AgentCommands.triggeredTask(triggers.trigger(report));
        });
    }

    private static Cause cause(ContinuousProfilingCause cause) {
        int type = cause.getTypeValue();
        String checker = CheckerType.ofOrdinal(type).map(Enum::name).orElse("UNKNOWN(" + type + ")");
        return switch (cause.getCauseCase()) {
            case SINGLEVALUE -> new Cause(checker, finite(cause.getSingleValue().getThreshold()),
                    finite(cause.getSingleValue().getCurrent()), null, null);
            case URI -> new Cause(checker, finite(cause.getUri().getThreshold()), finite(cause.getUri().getCurrent()),
                    cause.getUri().hasPath() ? cause.getUri().getPath() : null,
                    cause.getUri().hasRegex() ? cause.getUri().getRegex() : null);
            case CAUSE_NOT_SET -> new Cause(checker, null, null, null, null);
        };
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
