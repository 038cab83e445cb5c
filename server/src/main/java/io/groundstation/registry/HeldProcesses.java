package io.groundstation.registry;

import java.util.Map;

/**
 * What the store holds for one agent when a heartbeat does not match its digest: the time of its latest heartbeat
 * that named every process it held ({@code membersSeen}) and the processes it holds, id → eBPF flag.
 */
public record HeldProcesses(long membersSeen, Map<String, Boolean> members) {

    public HeldProcesses {
        members = Map.copyOf(members);
    }
}
