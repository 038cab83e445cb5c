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
            services.add(new ServiceSpec(namespace(i), name(i),
                    Workload.APPLICATIONS[random.nextInt(Workload.APPLICATIONS.length)],
                    random.nextDouble() < 0.35, random.nextDouble() < 0.2));
        }
        return new ServiceCatalog(services);
    }

    /** The service names of a catalog of {@code count} services, as {@link ServiceSpec#serviceName()} gives them. */
    static List<String> names(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(new ServiceSpec(namespace(i), name(i), null, false, false).serviceName());
        }
        return names;
    }

    private static String namespace(int i) {
        return NAMESPACES[i % NAMESPACES.length];
    }

    private static String name(int i) {
        return "svc-" + i;
    }

    ServiceSpec pick(SplittableRandom random) {
        return services.get(random.nextInt(services.size()));
    }
}
