package io.groundstation.bench.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.groundstation.bench.reply.RoverCommands.PolicyQuery;
import io.groundstation.bench.reply.RoverCommands.ReportTask;
import io.groundstation.bench.reply.RoverCommands.TaskQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.skywalking.apm.network.common.v3.Command;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessEntityMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessProperties;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFReportProcessDownstream;

/**
 * Reads replies exactly as Rover does (protocol.md §3–§5) and names every place where the agent would take less, or
 * something else, than the backend meant. Stateless and thread-safe.
 */
public final class AgentReplyReader {

    private static final Set<String> TASK_TARGETS = Set.of("ON_CPU", "OFF_CPU", "NETWORK");

    private final PolicyJsonReader policyJson = new PolicyJsonReader();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * For each sent process the first reply entry with the same oneof branch, the same pid, a byte-equal entity (labels
     * as a set) and a non-empty process id; order does not matter.
     */
    public ProcessAcks readReportProcesses(List<EBPFProcessProperties> sent, EBPFReportProcessDownstream reply) {
        Map<EntityKey, String> idsByEntity = new HashMap<>();
        for (EBPFProcessDownstream entry : reply.getProcessesList()) {
            EntityKey key = EntityKey.of(entry);
            if (key != null && !entry.getProcessId().isEmpty()) {
                idsByEntity.putIfAbsent(key, entry.getProcessId());
            }
        }
        String[] ids = new String[sent.size()];
        List<Misread> misreads = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            EntityKey key = EntityKey.of(sent.get(i));
            ids[i] = key == null ? null : idsByEntity.get(key);
            if (ids[i] == null) {
                misreads.add(new Misread(MisreadKind.PROCESS_MISSING_FROM_REPLY, describe(sent.get(i))));
            }
        }
        return new ProcessAcks(Arrays.asList(ids), misreads);
    }

    public PolicyPayload readQueryPolicies(Commands reply) {
        if (reply.getCommandsCount() == 0) {
            return new PolicyPayload(List.of(), List.of());
        }
        return readSoleCommand(reply, PolicyQuery.NAME, PolicyQuery.POLICIES_JSON, policyJson::read,
                problem -> PolicyPayload.rejected(MisreadKind.POLICY_REPLY_SHAPE, problem));
    }

    public TaskGrant readReportProfilingTask(Commands reply) {
        if (reply.getCommandsCount() == 0) {
            return TaskGrant.misread(MisreadKind.TASK_REPLY_EMPTY, "empty Commands");
        }
        Function<String, TaskGrant> misshapen = problem -> TaskGrant.misread(MisreadKind.TASK_REPLY_SHAPE, problem);
        return readSoleCommand(reply, ReportTask.NAME, ReportTask.TASK_ID,
                taskId -> taskId.isEmpty() ? misshapen.apply("no TaskId") : TaskGrant.granted(taskId), misshapen);
    }

    /** @param ownsProcessId whether this agent was given that process id by reportProcesses */
    public TaskQueryResult readQueryTasks(Commands reply, Predicate<String> ownsProcessId) {
        List<FixedTimeTask> accepted = new ArrayList<>();
        List<Misread> misreads = new ArrayList<>();
        for (Command command : reply.getCommandsList()) {
            FixedTimeTask task;
            try {
                task = readTaskCommand(command);
            } catch (IllegalArgumentException e) {
                misreads.add(new Misread(MisreadKind.TASK_QUERY_COMMAND_INVALID, e.getMessage()));
                continue;
            }
            List<String> unknown = task.processIds().stream().filter(ownsProcessId.negate()).toList();
            if (unknown.isEmpty()) {
                accepted.add(task);
            } else {
                misreads.add(new Misread(MisreadKind.TASK_QUERY_UNKNOWN_PROCESS,
                        "task " + task.taskId() + " names " + unknown));
            }
        }
        return new TaskQueryResult(accepted, misreads);
    }

    private FixedTimeTask readTaskCommand(Command command) {
        if (!TaskQuery.NAME.equals(command.getCommand())) {
            throw new IllegalArgumentException("command " + command.getCommand());
        }
        String taskId = requiredArg(command, TaskQuery.TASK_ID);
        String where = "task " + taskId + ": ";
        List<String> processIds = List.of(requiredArg(command, TaskQuery.PROCESS_ID).split(",", -1));
        if (taskId.isEmpty() || processIds.contains("")) {
            throw new IllegalArgumentException(where + "empty TaskId or process id");
        }
        long updateTime = longArg(command, TaskQuery.UPDATE_TIME, where);
        String trigger = requiredArg(command, TaskQuery.TRIGGER_TYPE);
        if (!"FIXED_TIME".equals(trigger)) {
            throw new IllegalArgumentException(where + "TriggerType " + trigger);
        }
        String target = requiredArg(command, TaskQuery.TARGET_TYPE);
        if (!TASK_TARGETS.contains(target)) {
            throw new IllegalArgumentException(where + "TargetType " + target);
        }
        if (!"NETWORK".equals(target) && processIds.size() != 1) {
            throw new IllegalArgumentException(where + target + " with " + processIds.size() + " processes");
        }
        long startTime = longArg(command, TaskQuery.START_TIME, where);
        requireNullOrObject(requiredArg(command, TaskQuery.EXTENSION_CONFIG), where);
        long duration = longArg(command, TaskQuery.FIXED_DURATION, where);
        return new FixedTimeTask(taskId, processIds, updateTime, target, startTime, duration);
    }

    private void requireNullOrObject(String text, String where) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + "ExtensionConfigJSON is not JSON");
        }
        if (node == null || !(node.isNull() || node.isObject())) {
            throw new IllegalArgumentException(where + "ExtensionConfigJSON is neither null nor an object");
        }
    }

    private static long longArg(Command command, String key, String where) {
        String value = requiredArg(command, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + key + " " + value + " is not an integer");
        }
    }

    private static String requiredArg(Command command, String key) {
        String value = arg(command, key);
        if (value == null) {
            throw new IllegalArgumentException("command without " + key);
        }
        return value;
    }

    /**
     * A reply Rover takes only as exactly one command of that name: its arg, read by {@code read}, or what is wrong
     * with the reply, made a misread by {@code misread}.
     */
    private static <T> T readSoleCommand(Commands reply, String name, String key, Function<String, T> read,
                                         Function<String, T> misread) {
        if (reply.getCommandsCount() != 1) {
            return misread.apply(reply.getCommandsCount() + " commands");
        }
        Command command = reply.getCommands(0);
        if (!name.equals(command.getCommand())) {
            return misread.apply("command " + command.getCommand());
        }
        String value = arg(command, key);
        return value == null ? misread.apply("no " + key) : read.apply(value);
    }

    /** The first arg with that key, as Rover's lookup loop finds it. */
    private static String arg(Command command, String key) {
        for (KeyStringValuePair pair : command.getArgsList()) {
            if (pair.getKey().equals(key)) {
                return pair.getValue();
            }
        }
        return null;
    }

    private static String describe(EBPFProcessProperties sent) {
        EBPFProcessEntityMetadata entity = sent.hasK8SProcess()
                ? sent.getK8SProcess().getEntity() : sent.getHostProcess().getEntity();
        return entity.getLayer() + "/" + entity.getServiceName() + "/" + entity.getInstanceName() + "/"
                + entity.getProcessName();
    }

    /** What Rover compares: branch, pid, and the entity with names as bytes and labels as a set. */
    private record EntityKey(boolean k8s, int pid, ByteString layer, ByteString service, ByteString instance,
                             ByteString process, Set<ByteString> labels) {

        static EntityKey of(EBPFProcessProperties sent) {
            return switch (sent.getMetadataCase()) {
                case K8SPROCESS -> of(true, sent.getK8SProcess().getPid(), sent.getK8SProcess().getEntity());
                case HOSTPROCESS -> of(false, sent.getHostProcess().getPid(), sent.getHostProcess().getEntity());
                case METADATA_NOT_SET -> null;
            };
        }

        static EntityKey of(EBPFProcessDownstream entry) {
            return switch (entry.getProcessCase()) {
                case K8SPROCESS -> of(true, entry.getK8SProcess().getPid(), entry.getK8SProcess().getEntityMetadata());
                case HOSTPROCESS -> of(false, entry.getHostProcess().getPid(),
                        entry.getHostProcess().getEntityMetadata());
                case PROCESS_NOT_SET -> null;
            };
        }

        private static EntityKey of(boolean k8s, int pid, EBPFProcessEntityMetadata entity) {
            Set<ByteString> labels = new HashSet<>();
            for (int i = 0; i < entity.getLabelsCount(); i++) {
                labels.add(entity.getLabelsBytes(i));
            }
            return new EntityKey(k8s, pid, entity.getLayerBytes(), entity.getServiceNameBytes(),
                    entity.getInstanceNameBytes(), entity.getProcessNameBytes(), labels);
        }
    }
}
