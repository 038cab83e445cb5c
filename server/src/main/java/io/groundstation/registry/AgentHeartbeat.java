package io.groundstation.registry;

import java.util.List;

/**
 * Every process one agent named in one heartbeat (a keep-alive, a report, or a report and the keep-alive of the
 * same round), as of {@code seenAt}. The store reads it as "at seenAt this agent held exactly these processes":
 * see {@link Membership}.
 */
public record AgentHeartbeat(String agentId, long seenAt, List<SightedProcess> processes) {

    public AgentHeartbeat {
        processes = List.copyOf(processes);
    }

    public MemberDigest digest() {
        return MemberDigest.of(processes);
    }
}
