package io.groundstation.profile;

/** How much data one process sent for a task, and over which time (epoch ms of the first and last slice). */
public record ProcessData(String processId, long samples, long switches, long durationNs, long slices,
                          long firstSlice, long lastSlice) {
}
