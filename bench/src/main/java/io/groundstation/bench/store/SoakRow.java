package io.groundstation.bench.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * One wide {@code process} row as the server stores a Kubernetes entity Rover reports: an id like registry/Ids makes
 * (64 hex chars), names, labels, and properties padded to about {@code propertyBytes} with a command line.
 */
record SoakRow(String id, String layer, String serviceName, String instanceName, String processName, String labels,
               String properties, int pid, String agentId, boolean ebpfSupported) {

    private static final String POD_CHARS = "bcdfghjklmnpqrstvwxz2456789";

    static SoakRow generate(String agentId, int agentIndex, SplittableRandom random, int propertyBytes) {
        String service = "namespace-" + random.nextInt(20) + "::svc-" + random.nextInt(500);
        String pod = service.substring(service.indexOf("::") + 2) + "-" + chars(10, random) + "-" + chars(5, random);
        String processName = random.nextBoolean() ? "java" : "envoy";
        int pid = 1000 + random.nextInt(60_000);
        boolean ebpf = random.nextDouble() < 0.95;
        StringBuilder properties = new StringBuilder(propertyBytes + 64)
                .append("{\"host_ip\":\"172.20.").append(agentIndex / 250).append('.').append(agentIndex % 250)
                .append("\",\"container_ip\":\"10.").append(random.nextInt(256)).append('.').append(random.nextInt(256))
                .append('.').append(random.nextInt(256))
                .append("\",\"container_name\":\"").append(processName)
                .append("\",\"pod_name\":\"").append(pod)
                .append("\",\"pid\":\"").append(pid)
                .append("\",\"support_ebpf_profiling\":\"").append(ebpf)
                .append("\",\"command_line\":\"/usr/bin/").append(processName);
        while (properties.length() < propertyBytes - 2) {
            properties.append(" --opt-").append(chars(6, random)).append('=').append(chars(12, random));
        }
        properties.append("\"}");
        String label = random.nextBoolean() ? "[\"k8s-service\"]" : "[\"mesh-application\"]";
        String id = sha256(service + "|" + pod + "|" + processName + "|" + pid + "|" + random.nextLong());
        return new SoakRow(id, "K8S_SERVICE", service, pod, processName, label, properties.toString(), pid, agentId,
                ebpf);
    }

    int approximateBytes() {
        return id.length() + layer.length() + serviceName.length() + instanceName.length() + processName.length()
                + labels.length() + properties.length() + agentId.length() + 16 + 4 * 8 + 4 + 1;
    }

    private static String chars(int length, SplittableRandom random) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(POD_CHARS.charAt(random.nextInt(POD_CHARS.length())));
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
