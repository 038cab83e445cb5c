package io.groundstation.task;

/** Why a task exists: a continuous-profiling policy fired on an agent, or a person asked for a fixed time. */
public enum TriggerType {
    CONTINUOUS_PROFILING, FIXED_TIME
}
