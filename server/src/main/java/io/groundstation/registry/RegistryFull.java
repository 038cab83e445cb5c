package io.groundstation.registry;

/** A report would pass a registry cap; nothing of it is stored, and the agent retries on its next tick. */
public final class RegistryFull extends RuntimeException {
    public RegistryFull(String message) {
        super(message);
    }
}
