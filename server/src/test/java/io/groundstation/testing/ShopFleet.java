package io.groundstation.testing;

import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;

import java.time.Duration;

import static io.groundstation.testing.Protos.entity;
import static io.groundstation.testing.Protos.host;
import static io.groundstation.testing.Protos.k8s;

/**
 * A small fleet with dead and alive processes: agent node-a reports ns::shop (three java pods, one with a labelled
 * envoy sidecar), then five minutes pass, then agent node-b reports shop-1's java again and a host process of
 * service "hosts". Afterwards 2 processes are alive and 3 dead.
 */
public final class ShopFleet {

    private ShopFleet() {
    }

    public static void register(TestServer server) {
        EBPFProcessServiceGrpc.EBPFProcessServiceBlockingStub agent =
                EBPFProcessServiceGrpc.newBlockingStub(server.channel());
        EBPFProcessReportList.Builder early = EBPFProcessReportList.newBuilder().setEbpfAgentID("node-a");
        for (int i = 0; i < 3; i++) {
            early.addProcesses(k8s(entity("K8S_SERVICE", "ns::shop", "shop-" + i, "java"), 100 + i,
                    "java -jar shop.jar --db.password=topsecret"));
        }
        early.addProcesses(k8s(entity("MESH", "ns::shop", "shop-0", "envoy", "sidecar", "istio"), 100, "envoy"));
        agent.reportProcesses(early.build());
        // Everything above dies; what follows stays alive.
        server.clock().advance(Duration.ofMinutes(5));
        agent.reportProcesses(EBPFProcessReportList.newBuilder().setEbpfAgentID("node-b")
                .addProcesses(k8s(entity("K8S_SERVICE", "ns::shop", "shop-1", "java"), 101, "java"))
                .addProcesses(host(entity("OS_LINUX", "hosts", "node-b", "sshd"), 1)).build());
    }
}
