package io.groundstation.bench.sim;

/** What a simulated process runs: its executable name (Rover's default process name) and command line. */
enum Workload {
    JAVA("java", "java -Xms256m -Xmx1g -Dspring.datasource.password=%2$s -jar /app/%1$s.jar", true),
    PYTHON("python3", "python3 -m gunicorn app:server --bind 0.0.0.0:8080 --env API_KEY=%2$s", true),
    NODE("node", "node /srv/%1$s/server.js --session-secret=%2$s", false),
    GO(null, "/%1$s --config=/etc/%1$s/config.yaml --db-password=%2$s", false),
    NGINX("nginx", "nginx: master process nginx -g daemon off;", false),
    REDIS("redis-server", "redis-server *:6379 --requirepass %2$s", false),
    ENVOY("envoy", "/usr/local/bin/envoy -c etc/istio/proxy/envoy-rev.json --drain-time-s 45 --service-cluster %1$s",
            false),
    FLUENT_BIT("fluent-bit", "/fluent-bit/bin/fluent-bit -c /fluent-bit/etc/fluent-bit.conf", false);

    /** what an application container of a service runs */
    static final Workload[] APPLICATIONS = {JAVA, JAVA, PYTHON, NODE, GO, GO, GO, NGINX, REDIS};

    private final String exeName;
    private final String commandLine;
    private final boolean interpreted;

    Workload(String exeName, String commandLine, boolean interpreted) {
        this.exeName = exeName;
        this.commandLine = commandLine;
        this.interpreted = interpreted;
    }

    /** A Go service's binary carries the service's own name. */
    String exeName(String workloadName) {
        return exeName == null ? workloadName : exeName;
    }

    /** Command lines hold secrets in the field, so the simulated ones do too. */
    String commandLine(String workloadName, String secret) {
        return String.format(commandLine, workloadName, secret);
    }

    /** Rover reports ON_CPU triggers for java and python processes but cannot run them (protocol.md §4). */
    boolean interpreted() {
        return interpreted;
    }
}
