package io.groundstation.task;

/** Triggers of a service refused by the concurrency cap: how many, and the latest (epoch ms; 0 when none). */
public record TriggerRefusals(long count, long lastRefusedAt) {
}
