package io.groundstation.registry;

/** Alive while seen within the liveness window; ALL selects both in queries. */
public enum ProcessState {
    ALIVE, DEAD, ALL
}
