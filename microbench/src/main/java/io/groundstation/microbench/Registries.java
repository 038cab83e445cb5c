package io.groundstation.microbench;

import io.groundstation.registry.Liveness;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.registry.PropertyRedactor;
import io.groundstation.registry.RegistryLimits;
import io.groundstation.registry.RegistryStore;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A registry with the production settings over a store that takes flushed batches and writes nothing, so the
 * benchmarks measure coalescing rather than a database. Only the batch writes may be called.
 */
final class Registries {

    private Registries() {
    }

    static ProcessRegistry withoutDatabase() {
        RegistryStore store = (RegistryStore) Proxy.newProxyInstance(RegistryStore.class.getClassLoader(),
                new Class<?>[] {RegistryStore.class}, (proxy, method, args) -> {
                    if (!method.getName().startsWith("apply")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return null;
                });
        Clock clock = Clock.systemUTC();
        return new ProcessRegistry(store, new PropertyRedactor(Set.of("command_line"), PropertyRedactor.DEFAULT_RULES),
                new Liveness(Duration.ofSeconds(60), clock), clock, 500_000,
                new RegistryLimits(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }
}
