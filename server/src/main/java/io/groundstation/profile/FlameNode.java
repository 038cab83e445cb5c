package io.groundstation.profile;

import java.util.List;

/**
 * One frame of a flame graph with everything counted at and below it. {@code value} is what the frame's width
 * shows: samples for on-CPU profiles, nanoseconds off the CPU for off-CPU profiles.
 */
public record FlameNode(String name, boolean kernel, long value, long samples, long switches, long durationNs,
                        List<FlameNode> children) {
}
