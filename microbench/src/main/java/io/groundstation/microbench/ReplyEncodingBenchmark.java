package io.groundstation.microbench;

import io.groundstation.agent.AgentCommands;
import io.groundstation.registry.Ids;
import io.groundstation.registry.ProcessEntity;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFKubernetesProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Replies the agent port sends most: queryTasks with a fixed-time task, the reportProfilingTask acknowledgement
 * (both built by AgentCommands), and the wire form of a reportProcesses reply for 50 processes. Serialization is
 * compared with copying its own output, the least any encoder must do to produce those bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplyEncodingBenchmark {

    private static final int REPORTED_PROCESSES = 50;

    private String taskId;
    private List<String> taskProcessIds;
    private long updateTime;
    private EBPFReportProcessDownstream reportProcessesReply;
    private byte[] reportProcessesBytes;

    @Setup
    public void setUp() {
        taskId = "6b0f3c1e-52a4-4d57-9b1e-3f0f7c2a9d41";
        taskProcessIds = Fleet.node(1, 5).stream().map(Ids::processId).toList();
        updateTime = 1_795_000_000_000L;
        EBPFReportProcessDownstream.Builder reply = EBPFReportProcessDownstream.newBuilder();
        int pid = 4_000;
        for (ProcessEntity entity : Fleet.node(1, REPORTED_PROCESSES)) {
            pid += 3;
            reply.addProcesses(echo(entity, pid));
        }
        reportProcessesReply = reply.build();
        reportProcessesBytes = reportProcessesReply.toByteArray();
    }

    /** What the server answers for an accepted process: the entity and pid as sent, with its id. */
    private static EBPFProcessDownstream echo(ProcessEntity entity, int pid) {
        return EBPFProcessDownstream.newBuilder()
                .setProcessId(Ids.processId(entity))
                .setK8SProcess(EBPFKubernetesProcessDownstream.newBuilder()
                        .setPid(pid)
                        .setEntityMetadata(EBPFProcessEntityMetadata.newBuilder()
                                .setLayer(entity.layer())
                                .setServiceName(entity.serviceName())
                                .setInstanceName(entity.instanceName())
                                .setProcessName(entity.processName())
                                .addAllLabels(entity.labels())))
                .build();
    }

    @Benchmark
    public Commands queryTasksReply() {
        return Commands.newBuilder().addCommands(AgentCommands.fixedTimeTask(taskId, taskProcessIds, updateTime,
                "ON_CPU", updateTime + 5_000, null, 60)).build();
    }

    @Benchmark
    public Commands reportProfilingTaskReply() {
        return AgentCommands.triggeredTask(taskId);
    }

    @Benchmark
    public byte[] reportProcessesReplySerialize() {
        return reportProcessesReply.toByteArray();
    }

    @Benchmark
    public byte[] reportProcessesReplyFloorCopy() {
        return reportProcessesBytes.clone();
    }
}
