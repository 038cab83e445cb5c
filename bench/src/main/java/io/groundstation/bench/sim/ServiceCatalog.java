package io.groundstation.bench.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The services of the simulated cluster; pods of one service run on many nodes. */
final class ServiceCatalog {

    private static final String[] NAMESPACES =
            {"default", "payments", "checkout", "catalog", "identity", "search", "shipping", "observability"};

    private final List<ServiceSpec> services;

    private ServiceCatalog(List<ServiceSpec> services) {
        this.services = List.copyOf(services);
    }

    static ServiceCatalog generate(int count, SplittableRandom random) {
        List<ServiceSpec> services = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            services.add(new ServiceSpec(NAMESPACES[i % NAMESPACES.length], "svc-" + i,
                    Workload.APPLICATIONS[random.nextInt(Workload.APPLICATIONS.length)],
                    random.nextDouble() < 0.35, random.nextDouble() < 0.2));
        }
        return new ServiceCatalog(services);
    }

    ServiceSpec pick(SplittableRandom random) {
        return services.get(random.nextInt(services.size()));
    }
}
