package io.groundstation.registry;

/** Told what the registry wrote, for the write-rate metrics. */
public interface RegistryWrites {

    void registered(int processRows);

    void heartbeats(HeartbeatWrites writes);
}
