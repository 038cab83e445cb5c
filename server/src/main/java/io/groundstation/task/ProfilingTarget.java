package io.groundstation.task;

/**
 * What a profiling task profiles. A task concept that policies name too (what to start when one fires), so it
 * lives with tasks, which policy, profile, export and the adapters all depend on, and task depends on none of them.
 * These names are also the agent's JSON keys in a policy; any other key crashes it.
 */
public enum ProfilingTarget {
    ON_CPU, OFF_CPU, NETWORK
}
