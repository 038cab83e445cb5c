package io.groundstation.bench.reply;

import java.util.Map;

/**
 * One element of {@code ServiceWithPolicyJSON}: the policy version ({@code uuid}) the agent must hold for a service,
 * and its items keyed by target ({@code ON_CPU}, ...) then checker ({@code PROCESS_CPU}, ...).
 */
public record ServicePolicy(String serviceName, String uuid, Map<String, Map<String, PolicyItem>> profiling) {

    public ServicePolicy {
        profiling = Map.copyOf(profiling);
    }
}
