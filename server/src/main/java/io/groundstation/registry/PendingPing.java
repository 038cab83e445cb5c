package io.groundstation.registry;

/** The newest keep-alive of one process that is not yet written. */
public record PendingPing(String processId, ProcessEntity entity, String agentId, boolean ebpfSupported,
                          long seenAt) {

    PendingPing newer(PendingPing other) {
        return other.seenAt >= seenAt ? other : this;
    }
}
