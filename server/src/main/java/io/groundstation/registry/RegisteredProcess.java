package io.groundstation.registry;

import java.util.Map;

/**
 * A process as the registry holds it. Times are epoch milliseconds; {@code registeredAt} is when the process was
 * last news (new, or found by another agent or under another pid), not when it was last re-reported.
 */
public record RegisteredProcess(String id, ProcessEntity entity, DetectType detectType, int pid,
                                Map<String, String> properties, String agentId, boolean ebpfSupported,
                                long firstSeen, long lastSeen, long registeredAt) {

    public RegisteredProcess {
        properties = Map.copyOf(properties);
    }

    /** The same process, found the same way, with the same properties: only its times may differ. */
    public boolean sameAs(RegisteredProcess other) {
        return id.equals(other.id) && entity.equals(other.entity) && detectType == other.detectType
                && pid == other.pid && properties.equals(other.properties) && agentId.equals(other.agentId)
                && ebpfSupported == other.ebpfSupported && registeredAt == other.registeredAt;
    }
}
