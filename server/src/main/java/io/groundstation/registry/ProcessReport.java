package io.groundstation.registry;

import java.util.Map;

/**
 * One process as an agent reported it. {@code entity} is null when the agent sent no metadata at all.
 */
public record ProcessReport(ProcessEntity entity, DetectType detectType, int pid, Map<String, String> properties) {

    /** The property Rover sets to "true" when it can profile the process with eBPF. */
    public static final String EBPF_SUPPORT_PROPERTY = "support_ebpf_profiling";

    public ProcessReport {
        properties = withoutNul(properties);
    }

    /** Property values are free text from the node (command lines): NUL, which no database stores, is replaced. */
    private static Map<String, String> withoutNul(Map<String, String> properties) {
        Map<String, String> clean = new java.util.HashMap<>();
        properties.forEach((key, value) ->
                clean.put(key.replace('\0', '\uFFFD'), value.replace('\0', '\uFFFD')));
        return Map.copyOf(clean);
    }

    boolean supportsEbpfProfiling() {
        return "true".equals(properties.get(EBPF_SUPPORT_PROPERTY));
    }
}
