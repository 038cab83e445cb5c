package io.groundstation.testing;

import io.groundstation.registry.Ids;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;

import java.util.Map;

import static io.groundstation.testing.Protos.entity;
import static io.groundstation.testing.Protos.k8s;

/**
 * Two on-CPU profiles of service "shop" to compare, each from a task its policy triggered: {@code before} on shop-0
 * (main;work;parse 6, main;idle 4, main;read then kernel sys_read 2: 12 samples) and {@code after} on shop-1
 * (main;work;parse 2, main;work;regex 15, main;idle 3: 20 samples).
 */
public record ShopProfiles(String before, String after) {

    public static ShopProfiles register(TestServer server, String adminToken) throws Exception {
        EBPFProcessServiceGrpc.newBlockingStub(server.channel()).reportProcesses(EBPFProcessReportList.newBuilder()
                .setEbpfAgentID("node-a")
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "java"), 10, "java"))
                .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-1", "java"), 11, "java")).build());
        server.send("PUT", "/api/policies/shop", """
                {"targets": {"ON_CPU": {"PROCESS_CPU": {"threshold": 80, "period": 10, "count": 5}}}}""", adminToken);
        String before = Rover.triggerOnCpu(server, "K8S_SERVICE", "shop", "shop-0", "java");
        String after = Rover.triggerOnCpu(server, "K8S_SERVICE", "shop", "shop-1", "java");
        Rover.uploadOnCpu(server, before, Ids.processId("shop", "shop-0", "java"),
                Map.of("main;work;parse", 6, "main;idle", 4, "main;read|sys_read", 2));
        Rover.uploadOnCpu(server, after, Ids.processId("shop", "shop-1", "java"),
                Map.of("main;work;parse", 2, "main;work;regex", 15, "main;idle", 3));
        return new ShopProfiles(before, after);
    }
}
