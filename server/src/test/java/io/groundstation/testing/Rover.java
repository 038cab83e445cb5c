package io.groundstation.testing;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingPolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServicePolicyQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOnCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingSingleValueCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingTriggeredMonitorType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFOnCPUProfiling;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskMetadata;
import org.apache.skywalking.apm.network.language.agent.v3.Label;
import org.apache.skywalking.apm.network.language.agent.v3.MeterData;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterReportServiceGrpc;
import org.apache.skywalking.apm.network.language.agent.v3.MeterSingleValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a simulated Rover sends in the console's and fleet's tests: triggers, on-CPU samples and CPU meters. */
public final class Rover {

    private Rover() {
    }

    /** Rover's report that an ON_CPU policy's CPU checker fired for the process; returns the task id it was sent. */
    public static String triggerOnCpu(TestServer server, String layer, String service, String instance,
                                      String process) {
        Commands reply = ContinuousProfilingServiceGrpc.newBlockingStub(server.channel()).reportProfilingTask(
                ContinuousProfilingReport.newBuilder().setLayer(layer).setServiceName(service)
                        .setInstanceName(instance).setProcessName(process).setDuration(600)
                        .setOnCPU(ContinuousOnCPUProfilingTask.getDefaultInstance())
                        .addCauses(ContinuousProfilingCause.newBuilder()
                                .setType(ContinuousProfilingTriggeredMonitorType.ProcessCPU)
                                .setSingleValue(ContinuousProfilingSingleValueCause.newBuilder().setThreshold(80)
                                        .setCurrent(93.5))).build());
        return reply.getCommands(0).getArgs(0).getValue();
    }

    /**
     * On-CPU samples of a task in one stream, as Rover sends them: each entry a stack written root first
     * ("main;work;hot", kernel frames after a bar: "main;read|sys_read;vfs_read") with its dump count.
     */
    public static void uploadOnCpu(TestServer server, String task, String processId, Map<String, Integer> stacks)
            throws Exception {
        long now = server.clock().millis();
        List<EBPFProfilingData> messages = new ArrayList<>();
        for (Map.Entry<String, Integer> stack : stacks.entrySet()) {
            String[] spaces = stack.getKey().split("\\|");
            EBPFOnCPUProfiling.Builder samples = EBPFOnCPUProfiling.newBuilder().setDumpCount(stack.getValue())
                    .addStacks(stackOf(EBPFProfilingStackType.PROCESS_USER_SPACE, spaces[0]));
            if (spaces.length > 1) {
                samples.addStacks(stackOf(EBPFProfilingStackType.PROCESS_KERNEL_SPACE, spaces[1]));
            }
            EBPFProfilingData.Builder data = EBPFProfilingData.newBuilder().setOnCPU(samples);
            if (messages.isEmpty()) {
                data.setTask(EBPFProfilingTaskMetadata.newBuilder().setTaskId(task).setProcessId(processId)
                        .setProfilingStartTime(now).setCurrentTime(now));
            }
            messages.add(data.build());
        }
        ClientStreams.send(EBPFProfilingServiceGrpc.newStub(server.channel())::collectProfilingData, messages);
    }

    /** One stack as the agent sends it: symbols leaf first. */
    private static EBPFProfilingStackMetadata stackOf(EBPFProfilingStackType type, String rootFirst) {
        List<String> leafFirst = new ArrayList<>(List.of(rootFirst.split(";")));
        java.util.Collections.reverse(leafFirst);
        return EBPFProfilingStackMetadata.newBuilder().setStackType(type).addAllStackSymbols(leafFirst).build();
    }

    /**
     * One policy poll of an agent through a connection of its own, named by a queryTasks first as Rover names it;
     * {@code held} is the version it holds ("" for none). Counted in the rollout once the server flushes it.
     */
    public static void pollPolicy(TestServer server, String agentId, String service, String held) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.server().grpcPort())
                .usePlaintext().build();
        try {
            EBPFProfilingServiceGrpc.newBlockingStub(channel).queryTasks(EBPFProfilingTaskQuery.newBuilder()
                    .setRoverInstanceId(agentId).build());
            ContinuousProfilingServiceGrpc.newBlockingStub(channel).queryPolicies(ContinuousProfilingPolicyQuery
                    .newBuilder().addPolicies(ContinuousProfilingServicePolicyQuery.newBuilder()
                            .setServiceName(service).setUuid(held)).build());
        } finally {
            channel.shutdownNow();
        }
        server.server().policyRollout().flush();
    }

    /** The process's CPU (% of one core) at these times, as Rover's meter reporter sends it; stored on return. */
    public static void sendCpu(TestServer server, String layer, String service, String instance, String process,
                               Map<Long, Double> values) {
        List<MeterDataCollection> collections = new ArrayList<>();
        values.forEach((timestamp, cpu) -> collections.add(MeterDataCollection.newBuilder().addMeterData(
                MeterData.newBuilder().setService(service).setServiceInstance(instance).setTimestamp(timestamp)
                        .setSingleValue(MeterSingleValue.newBuilder().setName("rover_con_p_process_cpu").setValue(cpu)
                                .addLabels(Label.newBuilder().setName("process_name").setValue(process))
                                .addLabels(Label.newBuilder().setName("layer").setValue(layer)))).build()));
        ClientStreams.send(MeterReportServiceGrpc.newStub(server.channel())::collectBatch, collections);
        server.server().meters().flush();
    }
}
