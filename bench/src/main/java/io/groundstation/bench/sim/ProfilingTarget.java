package io.groundstation.bench.sim;

/** The dimension of a triggered task; NETWORK tasks upload nothing through collectProfilingData. */
enum ProfilingTarget {
    ON_CPU, OFF_CPU, NETWORK
}
