package io.groundstation.meter;

/**
 * What became of the meters of one report: stored (buffered for the store), ignored (not a continuous-profiling
 * meter: counted and dropped), invalid (no complete header, no process name, a name too long or a non-finite
 * value) and overflowed (dropped because the write buffer was full).
 */
public record IntakeCounts(int stored, int ignored, int invalid, int overflowed) {
}
