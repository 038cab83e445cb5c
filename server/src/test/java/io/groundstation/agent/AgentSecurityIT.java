package io.groundstation.agent;

import io.groundstation.config.Settings;
import io.groundstation.testing.harness.Certificates;
import io.groundstation.testing.harness.TestServer;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessPingPkgList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentSecurityIT {

    @TempDir
    Path data;
    @TempDir
    Path pki;

    private static final EBPFProcessReportList REPORT = EBPFProcessReportList.newBuilder().setEbpfAgentID("a")
            .addProcesses(k8s(entity("K8S_SERVICE", "svc", "svc-0", "p"), 1, "p")).build();

    @Test
    void everyCallNeedsTheAgentTokenWhenOneIsSet() {
        try (TestServer server = TestServer.start(data, Map.of(Settings.AGENT_TOKEN, "s3cret"))) {
            EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub bare =
                    EBPFProcessServiceGrpc.newBlockingStub(server.channel());

            assertDenied(() -> bare.reportProcesses(REPORT));
            assertDenied(() -> bare.keepAlive(EBPFProcessPingPkgList.getDefaultInstance()));
            assertDenied(() -> TestServer.withToken(bare, "wrong").reportProcesses(REPORT));
            assertThat(TestServer.withToken(bare, "s3cret").reportProcesses(REPORT).getProcessesCount()).isEqualTo(1);
            assertThat(server.metrics().value("groundstation_rpc_total", "method", "reportProcesses",
                    "code", "PERMISSION_DENIED")).isEqualTo(2);
        }
    }

    @Test
    void tlsServesAgentsThatTrustTheCertificate() throws IOException {
        Certificates certs = Certificates.create(pki);
        try (TestServer server = TestServer.start(data, Map.of(
                Settings.TLS_CERT_FILE, certs.serverCert().toString(),
                Settings.TLS_KEY_FILE, certs.serverKey().toString()))) {
            assertUnavailable(server.channel());
            ChannelCredentials tls = TlsChannelCredentials.newBuilder().trustManager(certs.caCert().toFile()).build();
            assertThat(call(server, tls)).isEqualTo(1);
        }
    }

    @Test
    void mutualTlsRefusesClientsWithoutACertificateFromTheConfiguredCa() throws IOException {
        Certificates certs = Certificates.create(pki);
        try (TestServer server = TestServer.start(data, Map.of(
                Settings.TLS_CERT_FILE, certs.serverCert().toString(),
                Settings.TLS_KEY_FILE, certs.serverKey().toString(),
                Settings.TLS_CLIENT_CA_FILE, certs.caCert().toString()))) {
            ChannelCredentials noCertificate = TlsChannelCredentials.newBuilder()
                    .trustManager(certs.caCert().toFile()).build();
            ChannelCredentials stranger = TlsChannelCredentials.newBuilder().trustManager(certs.caCert().toFile())
                    .keyManager(certs.strangerCert().toFile(), certs.strangerKey().toFile()).build();
            ChannelCredentials client = TlsChannelCredentials.newBuilder().trustManager(certs.caCert().toFile())
                    .keyManager(certs.clientCert().toFile(), certs.clientKey().toFile()).build();

            assertThatThrownBy(() -> call(server, noCertificate)).isInstanceOf(StatusRuntimeException.class);
            assertThatThrownBy(() -> call(server, stranger)).isInstanceOf(StatusRuntimeException.class);
            assertThat(call(server, client)).isEqualTo(1);
        }
    }

    private static int call(TestServer server, ChannelCredentials credentials) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", server.server().grpcPort(),
                credentials).build();
        try {
            return EBPFProcessServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .reportProcesses(REPORT).getProcessesCount();
        } finally {
            channel.shutdownNow();
        }
    }

    private static void assertUnavailable(ManagedChannel plaintext) {
        assertThatThrownBy(() -> EBPFProcessServiceGrpc.newBlockingStub(plaintext)
                .withDeadlineAfter(10, TimeUnit.SECONDS).reportProcesses(REPORT))
                .isInstanceOf(StatusRuntimeException.class);
    }

    private static void assertDenied(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    }
}
