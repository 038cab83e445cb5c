package io.groundstation.microbench;

import io.groundstation.registry.Ids;
import io.groundstation.registry.ProcessEntity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;

/**
 * Ids are computed for every process of every report and keep-alive. Each is measured next to its floor, the work
 * any OAP-compatible implementation must do on the same names: SHA-256 of the same text for the process id (so the
 * rest is digest lookup, base64 and hex), the plain concatenation of the names for service and instance ids (so
 * the rest is base64).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdsBenchmark {

    private String service;
    private String instance;
    private String process;
    private byte[] processIdText;
    private MessageDigest sha256;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        ProcessEntity entity = Fleet.entity(1, 1);
        service = entity.serviceName();
        instance = entity.instanceName();
        process = entity.processName();
        processIdText = (process + "_" + Ids.instanceId(service, instance)).getBytes(StandardCharsets.UTF_8);
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    @Benchmark
    public String processId() {
        return Ids.processId(service, instance, process);
    }

    @Benchmark
    public byte[] processIdFloorSha256() {
        return sha256.digest(processIdText);
    }

    @Benchmark
    public String instanceId() {
        return Ids.instanceId(service, instance);
    }

    @Benchmark
    public String instanceIdFloorConcat() {
        return service + ".1_" + instance;
    }

    @Benchmark
    public String serviceId() {
        return Ids.serviceId(service);
    }

    @Benchmark
    public String serviceIdFloorConcat() {
        return service + ".1";
    }
}
