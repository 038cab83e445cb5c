package io.groundstation.registry;

/** How the agent found the process; UNKNOWN for a process re-created from a keep-alive alone. */
public enum DetectType {
    HOST, KUBERNETES, UNKNOWN
}
