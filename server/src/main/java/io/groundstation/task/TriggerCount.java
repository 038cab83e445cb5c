package io.groundstation.task;

/** How many tasks policies triggered in something: an hour (epoch ms of its start) or a service. */
public record TriggerCount<K>(K key, long tasks) {
}
