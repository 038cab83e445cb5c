package io.groundstation.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one place that computes service, instance and process ids, compatible with SkyWalking OAP. Names are
 * never truncated (OAP truncates on some paths only, which makes ids disagree between paths).
 */
public final class Ids {

    private static final HexFormat HEX = HexFormat.of();

    private Ids() {
    }

    public static String serviceId(String serviceName) {
        return base64(serviceName) + ".1";
    }

    public static String instanceId(String serviceName, String instanceName) {
        return serviceId(serviceName) + "_" + base64(instanceName);
    }

    public static String processId(String serviceName, String instanceName, String processName) {
        String text = processName + "_" + instanceId(serviceName, instanceName);
        return HEX.formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String processId(ProcessEntity entity) {
        return processId(entity.serviceName(), entity.instanceName(), entity.processName());
    }

    private static String base64(String name) {
        return Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
