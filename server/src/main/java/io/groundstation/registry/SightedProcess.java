package io.groundstation.registry;

/** One process an agent named in a heartbeat: its id, its entity (to re-create it if unknown) and its eBPF flag. */
public record SightedProcess(String id, ProcessEntity entity, boolean ebpfSupported) {
}
