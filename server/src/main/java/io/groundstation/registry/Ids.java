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
    /** Every process of every keep-alive is hashed; a lookup through the security providers each time showed in JFR. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Ids::newSha256);

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
        return HEX.formatHex(SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static String processId(ProcessEntity entity) {
        return processId(entity.serviceName(), entity.instanceName(), entity.processName());
    }

    /** The service an id names (ids carry their names, as in OAP); empty when it is not a service id. */
    public static java.util.Optional<String> serviceName(String serviceId) {
        if (serviceId == null || !serviceId.endsWith(".1") || serviceId.indexOf('_') >= 0) {
            return java.util.Optional.empty();
        }
        return unbase64(serviceId.substring(0, serviceId.length() - 2));
    }

    /** The service and instance names an instance id names; empty when it is not an instance id. */
    public static java.util.Optional<java.util.Map.Entry<String, String>> instanceNames(String instanceId) {
        int separator = instanceId == null ? -1 : instanceId.indexOf("_");
        if (separator < 0) {
            return java.util.Optional.empty();
        }
        return serviceName(instanceId.substring(0, separator)).flatMap(service ->
                unbase64(instanceId.substring(separator + 1)).map(instance -> java.util.Map.entry(service, instance)));
    }

    private static java.util.Optional<String> unbase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            String name = new String(bytes, StandardCharsets.UTF_8);
            // Only the canonical spelling of a name is its id.
            return base64(name).equals(text) ? java.util.Optional.of(name) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static String base64(String name) {
        return Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
