package io.groundstation.task;

/** How often a process's triggers created tasks, and when the latest started (epoch ms). */
public record TriggerStats(String processId, long tasks, long repeats, long lastTriggeredAt) {
}
