package io.groundstation.agent;

import io.groundstation.config.Settings;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.harness.Scrape;
import io.groundstation.testing.harness.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.accesslog.v3.EBPFAccessLogDownstream;
import org.apache.skywalking.apm.network.ebpf.accesslog.v3.EBPFAccessLogMessage;
import org.apache.skywalking.apm.network.ebpf.accesslog.v3.EBPFAccessLogNodeInfo;
import org.apache.skywalking.apm.network.ebpf.accesslog.v3.EBPFAccessLogServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEvent;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEventReportServiceGrpc;
import org.apache.skywalking.apm.network.logging.v3.LogData;
import org.apache.skywalking.apm.network.logging.v3.LogReportServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Log, span-event and access-log streams (protocol.md §7): read whole, counted in /metrics, answered, whatever they hold (NETWORK results among them: NetworkResultsIT). */
class DrainServicesIT {

    private static final int TWENTY_MB = 20 * 1024 * 1024;

    @TempDir
    Path data;

    @Test
    void logSpanEventAndAccessLogStreamsAreReadCountedAndAcknowledged() {
        try (TestServer server = TestServer.start(data)) {
            LogReportServiceGrpc.LogReportServiceStub logs = LogReportServiceGrpc.newStub(server.channel());
            SpanAttachedEventReportServiceGrpc.SpanAttachedEventReportServiceStub events =
                    SpanAttachedEventReportServiceGrpc.newStub(server.channel());
            EBPFAccessLogServiceGrpc.EBPFAccessLogServiceStub accessLogs =
                    EBPFAccessLogServiceGrpc.newStub(server.channel());
            LogData log = LogData.newBuilder().setService("sqrt").setServiceInstance("pod-1").setTimestamp(1)
                    .setEndpoint("/api/a").build();
            SpanAttachedEvent event = SpanAttachedEvent.newBuilder().setEvent("http request")
                    .addTags(KeyStringValuePair.newBuilder().setKey("request").setValue("x".repeat(TWENTY_MB)))
                    .build();
            EBPFAccessLogMessage access = EBPFAccessLogMessage.newBuilder()
                    .setNode(EBPFAccessLogNodeInfo.newBuilder().setName("node-1")).build();

            assertThat(ClientStreams.send(logs::collect, List.<LogData>of())).isEqualTo(Commands.getDefaultInstance());
            assertThat(ClientStreams.send(logs::collect, List.of(log, log, log))).isNotNull();
            assertThat(ClientStreams.send(events::collect, List.<SpanAttachedEvent>of())).isNotNull();
            assertThat(ClientStreams.send(events::collect, List.of(event))).isNotNull();
            assertThat(ClientStreams.send(accessLogs::collect, List.<EBPFAccessLogMessage>of()))
                    .isEqualTo(EBPFAccessLogDownstream.getDefaultInstance());
            assertThat(ClientStreams.send(accessLogs::collect, List.of(access, access))).isNotNull();

            Scrape metrics = server.metrics();
            assertThat(count(metrics, "messages", "skywalking.v3.LogReportService")).isEqualTo(3);
            assertThat(count(metrics, "bytes", "skywalking.v3.LogReportService"))
                    .isEqualTo(3L * log.getSerializedSize());
            assertThat(count(metrics, "messages", "skywalking.v3.SpanAttachedEventReportService")).isEqualTo(1);
            assertThat(count(metrics, "bytes", "skywalking.v3.SpanAttachedEventReportService"))
                    .isGreaterThan(TWENTY_MB);
            assertThat(count(metrics, "messages", "skywalking.v3.EBPFAccessLogService")).isEqualTo(2);
            assertThat(metrics.value("groundstation_rpc_total", "method", "collect", "code", "OK")).isEqualTo(6);
        }
    }

    @Test
    void aMessageOverTheConfiguredMaximumIsRefusedWhole() {
        try (TestServer server = TestServer.start(data, Map.of(Settings.GRPC_MAX_MESSAGE, "1MB"))) {
            SpanAttachedEvent event = SpanAttachedEvent.newBuilder()
                    .addTags(KeyStringValuePair.newBuilder().setKey("request").setValue("x".repeat(2 * 1024 * 1024)))
                    .build();

            assertThatThrownBy(() -> ClientStreams.send(
                    SpanAttachedEventReportServiceGrpc.newStub(server.channel())::collect, List.of(event)))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e ->
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
        }
    }

    private static long count(Scrape metrics, String what, String service) {
        return (long) metrics.value("groundstation_agent_stream_" + what + "_total", "service", service);
    }
}
