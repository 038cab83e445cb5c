/**
 * The test harness: what runs the server under test and looks at it. Servers on loopback ({@code TestServer},
 * {@code TestCluster}, {@code ServerProcess}; {@code ClassServer} per class, {@code PerTestServer} and
 * {@code PerTestCluster} per test), the databases they run on ({@code TestDatabase}, {@code LocalPostgres},
 * {@code OnEveryDatabase}), the clock ({@code MutableClock}), the network between them ({@code TcpForwarder},
 * {@code Certificates}), and what reads the server back ({@code Scrape} for /metrics, {@code Browser} for the
 * console). Nothing here speaks for an agent: that is {@code io.groundstation.testing.fixtures}.
 */
package io.groundstation.testing.harness;
