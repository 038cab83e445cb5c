package io.groundstation.profile;

/**
 * What was counted for a stack: on-CPU samples, and off-CPU switches and nanoseconds off the CPU. The agent sends
 * deltas since its previous flush, so counts only ever add up.
 */
public record SampleCounts(long samples, long switches, long durationNs) {

    public static final SampleCounts NONE = new SampleCounts(0, 0, 0);

    public SampleCounts plus(SampleCounts other) {
        return new SampleCounts(samples + other.samples, switches + other.switches, durationNs + other.durationNs);
    }
}
