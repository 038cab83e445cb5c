package io.groundstation.policy;

/** What a policy profiles when it fires. These names are also the agent's JSON keys; any other key crashes it. */
public enum ProfilingTarget {
    ON_CPU, OFF_CPU, NETWORK
}
