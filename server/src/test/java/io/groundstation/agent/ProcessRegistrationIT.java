package io.groundstation.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.TestDatabase;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

import java.nio.file.Path;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

@OnEveryDatabase
class ProcessRegistrationIT {

    @Parameter
    TestDatabase database;

    @TempDir
    Path data;

    @Test
    void registersWithOapIdsAndKeepsThemAcrossRestart() {
        try (TestServer server = TestServer.start(data, database)) {
            EBPFProcessEntityMetadata sqrt = entity("GENERAL", "sqrt", "test-instance", "sqrt");
            EBPFReportProcessDownstream reply = EBPFProcessServiceGrpc.newBlockingStub(server.channel())
                    .reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("agent-1")
                            .addProcesses(k8s(sqrt, 42, "/usr/bin/sqrt")).build());

            assertThat(reply.getProcessesList()).hasSize(1);
            EBPFProcessDownstream entry = reply.getProcesses(0);
            assertThat(entry.getProcessId())
                    .isEqualTo("3f84517a2b0f75e4b91f6fd23b020aa6f9b2cdae0a3d075ff7ee230000ee468d");
            assertThat(entry.getK8SProcess().getPid()).isEqualTo(42);
            assertThat(entry.getK8SProcess().getEntityMetadata()).isEqualTo(sqrt);

            server.restart();

            JsonNode process = server.getJson("/api/processes/" + entry.getProcessId());
            assertThat(process.get("service").asText()).isEqualTo("sqrt");
            assertThat(process.get("pid").asInt()).isEqualTo(42);
            assertThat(process.get("state").asText()).isEqualTo("ALIVE");
        }
    }
}
