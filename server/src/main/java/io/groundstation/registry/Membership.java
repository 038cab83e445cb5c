package io.groundstation.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Liveness by agent: a process is held by the agent that names it, and its last seen is the later of its own
 * last_seen and its agent's membersSeen, the time of the agent's latest heartbeat that named every process it
 * holds. A steady heartbeat thus moves one agent row; only a process that appears, disappears, changes its flag
 * or moves to another agent is written. The invariant, kept by {@link #reconcile}: every held process was named
 * at {@code max(its last_seen, its agent's membersSeen)}, and a process named at t has an effective last seen of at
 * least t once the heartbeat is applied. docs/design.md gives the proof.
 */
public final class Membership {

    private Membership() {
    }

    /**
     * What {@code heartbeat} changes, given what its agent holds and the stored processes it named that the agent
     * does not hold ({@code others}, by id; a named id in neither is unknown to the store).
     */
    public static MembershipChange reconcile(AgentHeartbeat heartbeat, HeldProcesses held,
                                             Map<String, OtherProcess> others) {
        long seenAt = heartbeat.seenAt();
        if (seenAt < held.membersSeen()) {
            return stale(heartbeat, held, others);
        }
        Map<String, Boolean> after = new HashMap<>();
        Map<String, Boolean> flags = new HashMap<>();
        List<MembershipChange.Taken> taken = new ArrayList<>();
        List<SightedProcess> created = new ArrayList<>();
        Set<String> staleAgents = new LinkedHashSet<>();
        for (SightedProcess process : heartbeat.processes()) {
            Boolean flag = held.members().get(process.id());
            if (flag != null) {
                after.put(process.id(), process.ebpfSupported());
                if (flag != process.ebpfSupported()) {
                    flags.put(process.id(), process.ebpfSupported());
                }
                continue;
            }
            OtherProcess other = others.get(process.id());
            if (other == null) {
                created.add(process);
                after.put(process.id(), process.ebpfSupported());
            } else if (seenAt >= other.lastSeen()) {
                // Named now, later than anyone else named it: this agent holds it from here on.
                taken.add(new MembershipChange.Taken(process.id(), other.lastSeen(), process.ebpfSupported()));
                after.put(process.id(), process.ebpfSupported());
                if (other.held() && !other.agentId().equals(heartbeat.agentId())) {
                    staleAgents.add(other.agentId());
                }
            }
            // else another agent named it later than this heartbeat: it stays where it is, its last seen is newer.
        }
        List<String> released = held.members().keySet().stream().filter(id -> !after.containsKey(id)).sorted()
                .toList();
        return new MembershipChange(released, held.membersSeen(), taken, created, true, flags, List.of(),
                staleAgents, seenAt, MemberDigest.ofFlags(after));
    }

    /**
     * A heartbeat older than the agent's newest applied one (another node flushed a later one first): it cannot say
     * what the agent holds now, only that the processes it names were alive at its time.
     */
    private static MembershipChange stale(AgentHeartbeat heartbeat, HeldProcesses held,
                                          Map<String, OtherProcess> others) {
        List<String> credited = new ArrayList<>();
        List<SightedProcess> created = new ArrayList<>();
        for (SightedProcess process : heartbeat.processes()) {
            if (held.members().containsKey(process.id())) {
                continue; // named again at membersSeen, which is later
            }
            if (others.containsKey(process.id())) {
                if (others.get(process.id()).lastSeen() < heartbeat.seenAt()) {
                    credited.add(process.id());
                }
            } else {
                created.add(process);
            }
        }
        return new MembershipChange(List.of(), held.membersSeen(), List.of(), created, false, Map.of(), credited,
                Set.of(), held.membersSeen(), MemberDigest.ofFlags(held.members()));
    }
}
