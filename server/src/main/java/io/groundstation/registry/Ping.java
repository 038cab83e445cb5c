package io.groundstation.registry;

/** One process in a keep-alive: the entity and the eBPF-support flag, nothing else (no pid, no id). */
public record Ping(ProcessEntity entity, boolean ebpfSupported) {
}
