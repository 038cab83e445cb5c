package io.groundstation.profile;

/** A stack and everything counted for it in the samples read. */
public record StackTotal(Stack stack, SampleCounts counts) {
}
