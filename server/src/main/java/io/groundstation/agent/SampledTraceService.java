package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groundstation.network.Endpoint;
import io.groundstation.network.NetworkResults;
import io.groundstation.network.ReportedTrace;
import io.grpc.stub.StreamObserver;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.logging.v3.LogData;
import org.apache.skywalking.apm.network.logging.v3.LogDataBody;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;

import java.util.Optional;

/**
 * {@code skywalking.v3.LogReportService}: the sampled-trace logs of NETWORK tasks (protocol.md §8) go to
 * {@link NetworkResults} in chunks; logs of other kinds are counted and dropped.
 */
final class SampledTraceService extends LogReportServiceGrpc.LogReportServiceImplBase {

    private static final String KIND_TAG = "LOG_KIND";
    private static final String SAMPLED_TRACE = "NET_PROFILING_SAMPLED_TRACE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkResultStream<LogData, ReportedTrace> traces;

    SampledTraceService(NetworkResults network, NetworkTally networkTally, StreamTally tally) {
        this.traces = new NetworkResultStream<>(LogReportServiceGrpc.SERVICE_NAME, NetworkTally.TRACES,
                SampledTraceService::sampledTrace, log -> trace(log).orElse(null), network::acceptTraces,
                networkTally, tally);
    }

    @Override
    public StreamObserver<LogData> collect(StreamObserver<Commands> out) {
        return traces.open(out);
    }

    private static boolean sampledTrace(LogData log) {
        for (KeyStringValuePair tag : log.getTags().getDataList()) {
            if (tag.getKey().equals(KIND_TAG) && tag.getValue().equals(SAMPLED_TRACE)) {
                return true;
            }
        }
        return false;
    }

    /** The log's JSON body read as the agent writes it; empty when it is not. */
    private static Optional<ReportedTrace> trace(LogData log) {
        if (log.getBody().getContentCase() != LogDataBody.ContentCase.JSON) {
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = JSON.readTree(log.getBody().getJson().getJson());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
        if (body == null || !body.isObject() || !body.path("latency").canConvertToLong()
                || !body.path("status").canConvertToInt()) {
            return Optional.empty();
        }
        Optional<Endpoint> client = endpoint(body.path("client_process"));
        Optional<Endpoint> server = endpoint(body.path("server_process"));
        if (client.isEmpty() || server.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReportedTrace(log.getService(), log.getServiceInstance(), log.getTimestamp(),
                log.getTraceContext().getTraceId(), text(body, "uri"), text(body, "reason"),
                body.path("latency").asLong(), body.path("status").asInt(), text(body, "trace_provider"),
                client.get(), server.get(), text(body, "detect_point"), text(body, "component"),
                body.path("ssl").asBoolean(false)));
    }

    private static Optional<Endpoint> endpoint(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.of(Endpoint.UNKNOWN);
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Endpoint(text(node, "process_id"), node.path("local").asBoolean(false),
                text(node, "address")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }
}
