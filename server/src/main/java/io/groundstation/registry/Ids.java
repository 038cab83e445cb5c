package io.groundstation.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one place that computes service, instance and process ids, compatible with SkyWalking OAP. Names are
 * never truncated (OAP truncates on some paths only, which makes ids disagree between paths).
 */
public final class Ids {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final byte[] UNDERSCORE = {'_'};
    /** What follows a service's base64 name in an instance id ({@link #serviceId} and {@link #instanceId}). */
    private static final byte[] SERVICE_SUFFIX_AND_UNDERSCORE = {'.', '1', '_'};
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
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

    /**
     * SHA-256 of {@code processName + "_" + instanceId(serviceName, instanceName)}, in hex. The digest is fed the
     * parts instead of the joined text: every process of every keep-alive is hashed, and building the intermediate
     * strings and formatting through {@link java.util.HexFormat} were most of the 28 % of a keep-alive's
     * samples this method took in JFR (saturation run, docs/design.md).
     */
    public static String processId(String serviceName, String instanceName, String processName) {
        MessageDigest sha256 = SHA256.get();
        sha256.update(processName.getBytes(StandardCharsets.UTF_8));
        sha256.update(UNDERSCORE);
        sha256.update(BASE64.encode(serviceName.getBytes(StandardCharsets.UTF_8)));
        sha256.update(SERVICE_SUFFIX_AND_UNDERSCORE);
        sha256.update(BASE64.encode(instanceName.getBytes(StandardCharsets.UTF_8)));
        return hex(sha256.digest());
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
        return BASE64.encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        byte[] digits = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            digits[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            digits[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(digits, StandardCharsets.ISO_8859_1);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
