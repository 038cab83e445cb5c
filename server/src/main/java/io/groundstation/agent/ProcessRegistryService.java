package io.groundstation.agent;

import io.groundstation.log.ThrottledLog;
import io.groundstation.metrics.WriteBehindMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.groundstation.registry.DetectType;
import io.groundstation.registry.Ping;
import io.groundstation.registry.PingBacklogFull;
import io.groundstation.registry.ProcessEntity;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.ProcessReport;
import io.groundstation.registry.Registration;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFHostProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkg;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * {@code skywalking.v3.EBPFProcessService}. Rover matches each reply entry to what it sent by oneof branch, pid
 * and entity, so every accepted process is answered by echoing exactly those, with its id.
 */
final class ProcessRegistryService implements EBPFProcessServiceGrpc.AsyncService, BindableService, MemoryAnswers {

    private static final ThrottledLog REFUSALS = new ThrottledLog(
            LoggerFactory.getLogger(ProcessRegistryService.class), 10_000);

    private final ProcessRegistry registry;
    private final RequestLimits limits;
    private final Meter.MeterProvider<Counter> refused;
    private final Counter backlogRefused;
    private final Counter pingsDropped;

    ProcessRegistryService(ProcessRegistry registry, RequestLimits limits, MeterRegistry metrics) {
        this.registry = registry;
        this.limits = limits;
        this.refused = Counter.builder("groundstation_refused_items")
                .description("Items refused on their own while the rest of their request was answered.")
                .withRegistry(metrics);
        this.backlogRefused = Counter.builder("groundstation_pings_dropped")
                .description("Keep-alives refused (call answered UNAVAILABLE) because registry.max-pending-pings"
                        + " were unwritten.").register(metrics);
        this.pingsDropped = WriteBehindMeters.dropped(metrics, WriteBehindMeters.PINGS);
    }

    /** A keep-alive only touches memory: the heartbeat buffer, written later by the flush. */
    @Override
    public Map<String, BooleanSupplier> answeredFromMemory() {
        return Map.of(EBPFProcessServiceGrpc.getKeepAliveMethod().getFullMethodName(), ALWAYS);
    }

    @Override
    public void reportProcesses(EBPFProcessReportList request, StreamObserver<EBPFReportProcessDownstream> out) {
        Rpc.reply(out, "reportProcesses", () -> {
            checkReport(request);
            AgentConnections.named(request.getEbpfAgentID());
            List<ProcessReport> reports = request.getProcessesList().stream()
                    .map(ProcessRegistryService::toReport).toList();
            List<Registration> outcomes = registry.register(request.getEbpfAgentID(), reports);
            EBPFReportProcessDownstream.Builder reply = EBPFReportProcessDownstream.newBuilder();
            for (int i = 0; i < outcomes.size(); i++) {
                Registration outcome = outcomes.get(i);
                if (outcome.isAccepted()) {
                    reply.addProcesses(echo(request.getProcesses(i), outcome.processId()));
                } else {
                    refuse("reportProcesses", request.getEbpfAgentID(), outcome.refusal());
                }
            }
            return reply.build();
        });
    }

    /** The generated service, with keepAlive given its request as the bytes sent ({@link KeepAliveWire}). */
    @Override
    public ServerServiceDefinition bindService() {
        return KeepAliveWire.withRawKeepAlive(EBPFProcessServiceGrpc.bindService(this), this::keepAlive);
    }

    /**
     * A keep-alive byte for byte equal to the agent's last one is recorded as that one without being parsed; it
     * passed every check then, and the checks depend only on the bytes.
     */
    void keepAlive(byte[] request, StreamObserver<Commands> out) {
        Rpc.reply(out, "keepAlive", () -> {
            try {
                String agentId = KeepAliveWire.agentId(request);
                if (registry.keepAliveAgain(agentId, request)) {
                    AgentConnections.named(agentId);
                } else {
                    keepAliveParsed(EBPFProcessPingPkgList.parseFrom(request), request);
                }
            } catch (InvalidProtocolBufferException e) {
                throw RequestGuard.malformed(e).asRuntimeException();
            } catch (PingBacklogFull e) {
                backlogRefused.increment(e.dropped());
                pingsDropped.increment(e.dropped());
                throw e;
            }
            return AgentCommands.none();
        });
    }

    private void keepAliveParsed(EBPFProcessPingPkgList request, byte[] bytes) {
        limits.checkItems("keepAlive", request.getProcessesCount());
        limits.checkName("keepAlive", "agent id", request.getEbpfAgentID());
        AgentConnections.named(request.getEbpfAgentID());
        List<Ping> pings = new ArrayList<>(request.getProcessesCount());
        // The entities stay in memory until the agent's next different keep-alive (LastKeepAlives): one string for
        // each name its processes share (layer, service, pod, executable, labels) instead of one per process.
        Map<String, String> names = new HashMap<>();
        UnaryOperator<String> shared = name -> names.computeIfAbsent(name, same -> same);
        for (EBPFProcessPingPkg ping : request.getProcessesList()) {
            ProcessEntity entity = ping.hasEntityMetadata() ? toEntity(ping.getEntityMetadata(), shared) : null;
            if (entity != null) {
                checkEntity("keepAlive", entity);
            }
            pings.add(new Ping(entity, "true".equals(property(ping.getPropertiesList(),
                    ProcessReport.EBPF_SUPPORT_PROPERTY))));
        }
        for (String refusal : registry.keepAlive(request.getEbpfAgentID(), pings, bytes)) {
            refuse("keepAlive", request.getEbpfAgentID(), refusal);
        }
    }

    private void refuse(String method, String agentId, String reason) {
        refused.withTags("method", method, "reason", reason).increment();
        REFUSALS.warn("{} from agent {}: refused one process: {}", method, agentId, reason);
    }

    private void checkReport(EBPFProcessReportList request) {
        String method = "reportProcesses";
        limits.checkItems(method, request.getProcessesCount());
        limits.checkName(method, "agent id", request.getEbpfAgentID());
        for (EBPFProcessProperties process : request.getProcessesList()) {
            List<KeyStringValuePair> properties = switch (process.getMetadataCase()) {
                case HOSTPROCESS -> process.getHostProcess().getPropertiesList();
                case K8SPROCESS -> process.getK8SProcess().getPropertiesList();
                case METADATA_NOT_SET -> List.of();
            };
            limits.checkCount(method, "properties", properties);
            for (KeyStringValuePair property : properties) {
                limits.checkProperty(method, property.getKey(), property.getValue());
            }
            ProcessReport report = toReport(process);
            if (report.entity() != null) {
                checkEntity(method, report.entity());
            }
        }
    }

    private void checkEntity(String method, ProcessEntity entity) {
        limits.checkName(method, "layer", entity.layer());
        limits.checkName(method, "service name", entity.serviceName());
        limits.checkName(method, "instance name", entity.instanceName());
        limits.checkName(method, "process name", entity.processName());
        limits.checkCount(method, "labels", entity.labels());
        for (String label : entity.labels()) {
            limits.checkName(method, "label", label);
        }
    }

    private static ProcessReport toReport(EBPFProcessProperties process) {
        return switch (process.getMetadataCase()) {
            case HOSTPROCESS -> new ProcessReport(
                    process.getHostProcess().hasEntity()
                            ? toEntity(process.getHostProcess().getEntity(), UnaryOperator.identity()) : null,
                    DetectType.HOST, process.getHostProcess().getPid(),
                    toMap(process.getHostProcess().getPropertiesList()));
            case K8SPROCESS -> new ProcessReport(
                    process.getK8SProcess().hasEntity()
                            ? toEntity(process.getK8SProcess().getEntity(), UnaryOperator.identity()) : null,
                    DetectType.KUBERNETES, process.getK8SProcess().getPid(),
                    toMap(process.getK8SProcess().getPropertiesList()));
            case METADATA_NOT_SET -> new ProcessReport(null, DetectType.UNKNOWN, 0, Map.of());
        };
    }

    private static EBPFProcessDownstream echo(EBPFProcessProperties sent, String processId) {
        EBPFProcessDownstream.Builder entry = EBPFProcessDownstream.newBuilder().setProcessId(processId);
        if (sent.hasHostProcess()) {
            entry.setHostProcess(EBPFHostProcessDownstream.newBuilder()
                    .setPid(sent.getHostProcess().getPid())
                    .setEntityMetadata(sent.getHostProcess().getEntity()));
        } else {
            entry.setK8SProcess(EBPFKubernetesProcessDownstream.newBuilder()
                    .setPid(sent.getK8SProcess().getPid())
                    .setEntityMetadata(sent.getK8SProcess().getEntity()));
        }
        return entry.build();
    }

    private static ProcessEntity toEntity(EBPFProcessEntityMetadata metadata, UnaryOperator<String> names) {
        List<String> labels = new ArrayList<>(metadata.getLabelsCount());
        for (String label : metadata.getLabelsList()) {
            labels.add(names.apply(label));
        }
        return new ProcessEntity(names.apply(metadata.getLayer()), names.apply(metadata.getServiceName()),
                names.apply(metadata.getInstanceName()), names.apply(metadata.getProcessName()), labels);
    }

    private static Map<String, String> toMap(List<KeyStringValuePair> pairs) {
        Map<String, String> map = new HashMap<>();
        for (KeyStringValuePair pair : pairs) {
            map.put(pair.getKey(), pair.getValue());
        }
        return map;
    }

    private static String property(List<KeyStringValuePair> pairs, String key) {
        for (KeyStringValuePair pair : pairs) {
            if (pair.getKey().equals(key)) {
                return pair.getValue();
            }
        }
        return null;
    }
}
