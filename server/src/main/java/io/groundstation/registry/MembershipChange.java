package io.groundstation.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes one heartbeat needs when it does not name exactly what its agent holds; see {@link Membership}.
 *
 * @param released    processes the agent no longer names: held by nobody now, last seen set to at least
 *                    {@code releasedSeen} (the agent's last heartbeat that named them)
 * @param taken       stored processes the agent now holds, each with the last seen it had under its holder before
 * @param created     processes the store did not know, created with last seen = the heartbeat, held when
 *                    {@code createdHeld}
 * @param flags       held processes whose eBPF flag changed, id → new flag
 * @param credited    processes the agent named in a heartbeat older than its newest: last seen advanced, nothing else
 * @param staleAgents agents that lost a process to this one: their digest must be counted again
 * @param membersSeen the agent's new members_seen
 * @param digest      the digest of what the agent holds afterwards
 */
public record MembershipChange(List<String> released, long releasedSeen, List<Taken> taken,
                               List<SightedProcess> created, boolean createdHeld, Map<String, Boolean> flags,
                               List<String> credited, Set<String> staleAgents, long membersSeen,
                               MemberDigest digest) {

    /** Process rows this change writes. */
    public int processRows() {
        return released.size() + taken.size() + created.size() + flags.size() + credited.size();
    }

    /** A process taken over by the heartbeat's agent, with the last seen it already had. */
    public record Taken(String id, long lastSeen, boolean ebpfSupported) {
    }
}
