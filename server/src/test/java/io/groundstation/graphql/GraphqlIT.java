package io.groundstation.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ClientStreams;
import io.groundstation.testing.fixtures.Rover;
import io.groundstation.testing.fixtures.ShopFleet;
import io.groundstation.testing.harness.OnEveryDatabase;
import io.groundstation.testing.harness.PerTestServer;
import io.groundstation.testing.harness.TestDatabase;
import org.apache.skywalking.apm.network.common.v3.Command;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousOnCPUProfilingTask;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingReport;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingSingleValueCause;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.ContinuousProfilingTriggeredMonitorType;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingData;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingServiceGrpc;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingTaskQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.groundstation.testing.fixtures.ProfileMessages.offCpu;
import static io.groundstation.testing.fixtures.ProfileMessages.onCpu;
import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * swctl's documents over HTTP against a registered fleet (ShopFleet plus a second alive java pod), with policies,
 * triggered and on-demand tasks and uploaded profiles; mutations under an admin token.
 */
@OnEveryDatabase
class GraphqlIT {

    private static final String TOKEN = "s3cret-admin";
    private static final String BEARER = "Bearer " + TOKEN;
    private static final String SHOP = Ids.serviceId("ns::shop");
    private static final String SHOP_1 = Ids.instanceId("ns::shop", "shop-1");
    private static final String JAVA_1 = Ids.processId("ns::shop", "shop-1", "java");
    private static final String JAVA_2 = Ids.processId("ns::shop", "shop-2", "java");

    @Parameter
    TestDatabase database;
    @RegisterExtension
    final PerTestServer server = new PerTestServer(Map.of(Settings.ADMIN_TOKEN, TOKEN));
    private GraphqlClient graphql;

    @BeforeEach
    void start() {
        ShopFleet.register(server.get());
        reportNodeB();
        graphql = new GraphqlClient(server.get());
    }

    private void reportNodeB() {
        Rover.reportProcesses(server.get(), "node-b",
                k8s(entity("K8S_SERVICE", "ns::shop", "shop-1", "java"), 101, "java"),
                k8s(entity("K8S_SERVICE", "ns::shop", "shop-2", "java", "tier=web"), 102, "java"));
        // A report of unchanged processes is held like a keep-alive until the next flush.
        server.get().server().parts().registry().flushPings();
    }

    private Map<String, Object> lastMinutes(int minutes) {
        long now = server.get().clock().millis();
        return GraphqlClient.minutes(now - minutes * 60_000L, now);
    }

    @Test
    void metadataAnswersAsOapDoesWithOapsIds() {
        assertThat(graphql.result(SwctlDocuments.VERSION, Map.of()).asText()).matches("^\\d+\\.\\d+.*")
                .satisfies(v -> assertThat(Integer.parseInt(v.split("\\.")[0])).isGreaterThanOrEqualTo(9));
        assertThat(graphql.result(SwctlDocuments.LIST_LAYERS, Map.of())).extracting(JsonNode::asText)
                .containsExactly("K8S_SERVICE", "MESH", "OS_LINUX");
        JsonNode time = graphql.result(SwctlDocuments.TIME_INFO, Map.of());
        assertThat(time.get("timezone").asText()).isEqualTo("+0000");
        assertThat(time.get("currentTimestamp").asLong()).isEqualTo(server.get().clock().millis());

        JsonNode services = graphql.result(SwctlDocuments.LIST_SERVICES, Map.of("layer", "K8S_SERVICE"));
        assertThat(services).hasSize(1);
        assertThat(services.get(0).get("id").asText()).isEqualTo(SHOP).isEqualTo("bnM6OnNob3A=.1");
        assertThat(services.get(0).get("group").asText()).isEqualTo("ns");
        assertThat(services.get(0).get("shortName").asText()).isEqualTo("shop");
        assertThat(services.get(0).get("layers")).extracting(JsonNode::asText).containsExactly("K8S_SERVICE", "MESH");
        assertThat(graphql.result(SwctlDocuments.ALL_SERVICES, Map.of("duration", lastMinutes(30))))
                .as("swctl service ls").extracting(s -> s.get("name").asText())
                .containsExactlyInAnyOrder("ns::shop", "hosts");
        assertThat(graphql.result(SwctlDocuments.FIND_SERVICE, Map.of("serviceName", "hosts")).get("id").asText())
                .isEqualTo(Ids.serviceId("hosts"));
        assertThat(graphql.result(SwctlDocuments.FIND_SERVICE, Map.of("serviceName", "nope")).isNull()).isTrue();

        assertThat(graphql.result(SwctlDocuments.LIST_INSTANCES, Map.of("serviceId", SHOP, "duration",
                lastMinutes(30)))).extracting(i -> i.get("name").asText())
                .containsExactlyInAnyOrder("shop-0", "shop-1", "shop-2");
        JsonNode recent = graphql.result(SwctlDocuments.LIST_INSTANCES, Map.of("serviceId", SHOP, "duration",
                lastMinutes(2)));
        assertThat(recent).extracting(i -> i.get("id").asText()).containsExactlyInAnyOrder(SHOP_1,
                Ids.instanceId("ns::shop", "shop-2"));
        assertThat(graphql.result(SwctlDocuments.GET_INSTANCE, Map.of("instanceId", SHOP_1)).get("name").asText())
                .isEqualTo("shop-1");

        JsonNode processes = graphql.result(SwctlDocuments.LIST_PROCESSES, Map.of("instanceId",
                Ids.instanceId("ns::shop", "shop-0"), "duration", lastMinutes(30)));
        assertThat(processes).extracting(p -> p.get("name").asText()).containsExactlyInAnyOrder("java", "envoy");
        JsonNode process = graphql.result(SwctlDocuments.GET_PROCESS, Map.of("processId", JAVA_1));
        assertThat(process.get("instanceId").asText()).isEqualTo(SHOP_1);
        assertThat(process.get("agentId").asText()).isEqualTo("node-b");
        assertThat(process.get("detectType").asText()).isEqualTo("KUBERNETES");
        assertThat(process.get("attributes")).extracting(a -> a.get("name").asText() + "=" + a.get("value").asText())
                .contains("pod_name=shop-1", "pid=101");

        assertThat(graphql.result(SwctlDocuments.ESTIMATE_SCALE, Map.of("serviceId", SHOP, "labels", List.of("")))
                .asLong()).as("swctl's [\"\"] is no labels").isEqualTo(2);
        assertThat(graphql.result(SwctlDocuments.ESTIMATE_SCALE, Map.of("serviceId", SHOP, "labels",
                List.of("tier=web"))).asLong()).isEqualTo(1);
        JsonNode prepare = graphql.result(SwctlDocuments.PREPARE_TASK, Map.of("serviceId", SHOP));
        assertThat(prepare.get("couldProfiling").asBoolean()).isTrue();
        assertThat(prepare.get("processLabels")).extracting(JsonNode::asText).containsExactly("tier=web");
    }

    @Test
    void oneFixedTimeRequestIsOneTaskWithAScheduleForEachProcessThatSentData() {
        JsonNode created = graphql.result(SwctlDocuments.CREATE_FIXED_TASK, Map.of("request", Map.of(
                "serviceId", SHOP, "processLabels", List.of(""), "startTime", 0, "duration", 60,
                "targetType", "ON_CPU")), BEARER);
        assertThat(created.get("status").asBoolean()).as(created.toString()).isTrue();
        String taskId = created.get("id").asText();

        Map<String, String> perProcess = agentTasks().stream()
                .collect(Collectors.toMap(a -> a.get("ProcessId"), a -> a.get("TaskId")));
        assertThat(perProcess).containsOnlyKeys(JAVA_1, JAVA_2);
        long now = server.get().clock().millis();
        upload(List.of(onCpu(perProcess.get(JAVA_1), JAVA_1, now, 3, "main", "work"),
                onCpu(null, null, 0, 1, "main", "idle"),
                onCpu(perProcess.get(JAVA_2), JAVA_2, now, 2, "main", "work")));

        JsonNode tasks = graphql.result(SwctlDocuments.LIST_TASKS, Map.of("serviceId", SHOP));
        assertThat(tasks).hasSize(1);
        JsonNode task = tasks.get(0);
        assertThat(task.get("taskId").asText()).isEqualTo(taskId);
        assertThat(task.get("triggerType").asText()).isEqualTo("FIXED_TIME");
        assertThat(task.get("targetType").asText()).isEqualTo("ON_CPU");
        assertThat(task.get("fixedTriggerDuration").asLong()).isEqualTo(60);
        assertThat(task.get("processLabels")).isEmpty();
        assertThat(task.get("continuousProfilingCauses").isNull()).as("as OAP: no causes on demand").isTrue();
        assertThat(task.get("taskStartTime").asLong()).isEqualTo(now);

        JsonNode schedules = graphql.result(SwctlDocuments.LIST_SCHEDULES, Map.of("taskID", taskId));
        assertThat(schedules).extracting(s -> s.get("process").get("id").asText())
                .containsExactlyInAnyOrder(JAVA_1, JAVA_2);
        assertThat(schedules).allSatisfy(s -> assertThat(s.get("taskId").asText()).isEqualTo(taskId));
        List<String> scheduleIds = new ArrayList<>();
        schedules.forEach(s -> scheduleIds.add(s.get("scheduleId").asText()));
        long start = schedules.get(0).get("startTime").asLong();
        long end = schedules.get(0).get("endTime").asLong();
        assertThat(start).isLessThanOrEqualTo(now);
        assertThat(end).isGreaterThan(now);

        JsonNode analysis = graphql.result(SwctlDocuments.ANALYSE, Map.of("scheduleIdList", scheduleIds,
                "timeRanges", List.of(Map.of("start", start, "end", end)), "aggregateType", "COUNT"));
        assertThat(analysis.get("tip").isNull()).isTrue();
        assertThat(analysis.get("trees")).hasSize(1);
        JsonNode elements = analysis.get("trees").get(0).get("elements");
        assertThat(elements.get(0).get("symbol").asText()).isEqualTo("main");
        assertThat(elements.get(0).get("parentId").asText()).isEqualTo("0");
        assertThat(elements.get(0).get("id").asText()).isEqualTo("1");
        assertThat(elements.get(0).get("dumpCount").asLong()).as("both schedules summed").isEqualTo(6);
        Map<String, String> parents = new java.util.HashMap<>();
        elements.forEach(e -> parents.put(e.get("id").asText(), e.get("parentId").asText()));
        assertThat(elements).extracting(e -> e.get("symbol").asText() + ":" + e.get("stackType").asText() + ":"
                        + e.get("dumpCount").asLong())
                .containsExactly("main:USER_SPACE:6", "work:USER_SPACE:5", "do_syscall:KERNEL_SPACE:5",
                        "idle:USER_SPACE:1", "do_syscall:KERNEL_SPACE:1");
        assertThat(parents.get(elements.get(2).get("id").asText())).isEqualTo(elements.get(1).get("id").asText());

        JsonNode before = graphql.result(SwctlDocuments.ANALYSE, Map.of("scheduleIdList", scheduleIds,
                "timeRanges", List.of(Map.of("start", start - 60_000, "end", start)), "aggregateType", "COUNT"));
        assertThat(before.get("trees")).isEmpty();
        assertThat(before.get("tip").asText()).contains("no profiling data");
    }

    @Test
    void offCpuAnalysisAggregatesByCountOrByDuration() {
        JsonNode created = graphql.result(SwctlDocuments.CREATE_FIXED_TASK, Map.of("request", Map.of(
                "serviceId", SHOP, "processLabels", List.of("tier=web"), "startTime", 0, "duration", 60,
                "targetType", "OFF_CPU")), BEARER);
        String taskId = created.get("id").asText();
        JsonNode schedulesBefore = graphql.result(SwctlDocuments.LIST_SCHEDULES, Map.of("taskID", taskId));
        assertThat(schedulesBefore).as("no data, no schedule").isEmpty();
        String processTask = agentTasks().get(0).get("TaskId");
        upload(List.of(offCpu(processTask, JAVA_2, server.get().clock().millis(), 4, 7_000_000, "main", "poll")));
        JsonNode schedule = graphql.result(SwctlDocuments.LIST_SCHEDULES, Map.of("taskID", taskId)).get(0);

        JsonNode byCount = graphql.result(SwctlDocuments.ANALYSE, Map.of("scheduleIdList",
                List.of(schedule.get("scheduleId").asText()), "timeRanges", List.of()));
        assertThat(byCount.get("trees").get(0).get("elements").get(0).get("dumpCount").asLong()).isEqualTo(4);
        JsonNode byDuration = graphql.result(SwctlDocuments.ANALYSE, Map.of("scheduleIdList",
                List.of(schedule.get("scheduleId").asText()), "timeRanges", List.of(), "aggregateType", "DURATION"));
        assertThat(byDuration.get("trees").get(0).get("elements").get(0).get("dumpCount").asLong())
                .isEqualTo(7_000_000);
        assertThat(graphql.result(SwctlDocuments.LIST_TASKS, Map.of("serviceId", SHOP)).get(0).get("processLabels"))
                .extracting(JsonNode::asText).containsExactly("tier=web");
    }

    @Test
    void policiesAndTheirTriggersAppearWithTheirCauses() {
        JsonNode set = graphql.result(SwctlDocuments.SET_POLICY, Map.of("request", Map.of("serviceId", SHOP,
                "targets", List.of(Map.of("targetType", "ON_CPU", "checkItems", List.of(Map.of(
                        "type", "PROCESS_CPU", "threshold", "80", "period", 10, "count", 3)))))), BEARER);
        assertThat(set.get("status").asBoolean()).as(set.toString()).isTrue();
        ContinuousProfilingServiceGrpc.newBlockingStub(server.get().channel()).reportProfilingTask(
                ContinuousProfilingReport.newBuilder().setLayer("K8S_SERVICE").setServiceName("ns::shop")
                        .setInstanceName("shop-1").setProcessName("java").setDuration(600)
                        .addCauses(ContinuousProfilingCause.newBuilder()
                                .setType(ContinuousProfilingTriggeredMonitorType.ProcessCPU)
                                .setSingleValue(ContinuousProfilingSingleValueCause.newBuilder().setThreshold(80)
                                        .setCurrent(93.5)))
                        .setOnCPU(ContinuousOnCPUProfilingTask.getDefaultInstance()).build());

        JsonNode targets = graphql.result(SwctlDocuments.SERVICE_TARGETS, Map.of("serviceId", SHOP));
        assertThat(targets).hasSize(1);
        assertThat(targets.get(0).get("type").asText()).isEqualTo("ON_CPU");
        assertThat(targets.get(0).get("checkItems").get(0).get("threshold").asText()).isEqualTo("80");
        assertThat(targets.get(0).get("checkItems").get(0).get("period").asInt()).isEqualTo(10);
        assertThat(targets.get(0).get("triggeredCount").asInt()).isEqualTo(1);
        assertThat(targets.get(0).get("lastTriggerTimestamp").asLong()).isEqualTo(server.get().clock().millis());

        JsonNode triggered = graphql.result(SwctlDocuments.LIST_TASKS, Map.of("serviceId", SHOP, "triggerType",
                "CONTINUOUS_PROFILING"));
        assertThat(triggered).hasSize(1);
        assertThat(triggered.get(0).get("processId").asText()).isEqualTo(JAVA_1);
        assertThat(triggered.get(0).get("serviceInstanceId").asText()).isEqualTo(SHOP_1);
        JsonNode cause = triggered.get(0).get("continuousProfilingCauses").get(0);
        assertThat(cause.get("type").asText()).isEqualTo("PROCESS_CPU");
        assertThat(cause.get("singleValue").get("threshold").asLong()).as("×100, as OAP").isEqualTo(8000);
        assertThat(cause.get("singleValue").get("current").asLong()).isEqualTo(9350);
        assertThat(cause.get("message").asText()).contains("93.5");
        assertThat(graphql.result(SwctlDocuments.LIST_TASKS, Map.of("serviceId", SHOP))).as("FIXED_TIME by default")
                .isEmpty();

        JsonNode instances = graphql.result(SwctlDocuments.MONITORING_INSTANCES, Map.of("serviceId", SHOP,
                "target", "ON_CPU"));
        assertThat(instances).extracting(i -> i.get("name").asText() + "=" + i.get("triggeredCount").asInt())
                .containsExactly("shop-1=1", "shop-2=0");
        assertThat(instances.get(0).get("processes").get(0).get("id").asText()).isEqualTo(JAVA_1);
        assertThat(graphql.result(SwctlDocuments.MONITORING_INSTANCES, Map.of("serviceId", SHOP, "target",
                "OFF_CPU")).get(0).get("triggeredCount").asInt()).isZero();

        JsonNode invalid = graphql.result(SwctlDocuments.SET_POLICY, Map.of("request", Map.of("serviceId", SHOP,
                "targets", List.of(Map.of("targetType", "ON_CPU", "checkItems", List.of(Map.of(
                        "type", "PROCESS_CPU", "threshold", "many", "period", 10, "count", 30)))))), BEARER);
        assertThat(invalid.get("status").asBoolean()).isFalse();
        assertThat(invalid.get("errorReason").asText()).contains("ON_CPU.PROCESS_CPU.threshold")
                .contains("ON_CPU.PROCESS_CPU.count");
        assertThat(graphql.result(SwctlDocuments.SERVICE_TARGETS, Map.of("serviceId", SHOP)).get(0)
                .get("checkItems").get(0).get("threshold").asText()).as("nothing half-applied").isEqualTo("80");

        JsonNode cleared = graphql.result(SwctlDocuments.SET_POLICY, Map.of("request", Map.of("serviceId", SHOP,
                "targets", List.of())), BEARER);
        assertThat(cleared.get("status").asBoolean()).isTrue();
        assertThat(graphql.result(SwctlDocuments.SERVICE_TARGETS, Map.of("serviceId", SHOP))).isEmpty();
    }

    @Test
    void networkTasksAreCreatedForAnInstanceAndKeptAlive() {
        JsonNode created = graphql.result(SwctlDocuments.CREATE_NETWORK_TASK, Map.of("request", Map.of(
                "instanceId", SHOP_1, "samplings", List.of(Map.of("uriRegex", "/api/.*", "when4xx", false,
                        "when5xx", true, "settings", Map.of("requireCompleteRequest", true,
                                "requireCompleteResponse", false))))), BEARER);
        assertThat(created.get("status").asBoolean()).as(created.toString()).isTrue();
        String taskId = created.get("id").asText();
        JsonNode listed = graphql.result(SwctlDocuments.LIST_TASKS, Map.of("serviceId", SHOP)).get(0);
        assertThat(listed.get("targetType").asText()).isEqualTo("NETWORK");
        assertThat(listed.get("serviceInstanceId").asText()).isEqualTo(SHOP_1);

        server.get().clock().advance(Duration.ofMinutes(9));
        reportNodeB();
        JsonNode kept = graphql.result(SwctlDocuments.KEEP_NETWORK_TASK, Map.of("taskId", taskId), BEARER);
        assertThat(kept.get("status").asBoolean()).as(kept.toString()).isTrue();
        server.get().clock().advance(Duration.ofMinutes(9));
        reportNodeB();
        Map<String, String> agentView = agentTasks().get(0);
        assertThat(Long.parseLong(agentView.get("TaskStartTime"))
                + 1000 * Long.parseLong(agentView.get("FixedTriggerDuration")))
                .as("the agent sees it running 18 minutes in").isGreaterThan(server.get().clock().millis());

        JsonNode unknown = graphql.result(SwctlDocuments.KEEP_NETWORK_TASK, Map.of("taskId", "nope"), BEARER);
        assertThat(unknown.get("status").asBoolean()).isFalse();
        assertThat(unknown.get("errorReason").asText()).contains("nope");
        JsonNode badInstance = graphql.result(SwctlDocuments.CREATE_NETWORK_TASK, Map.of("request", Map.of(
                "instanceId", "not-an-instance")), BEARER);
        assertThat(badInstance.get("status").asBoolean()).isFalse();
    }

    @Test
    void mutationsNeedTheAdminTokenAsBearerOrAsBasicPassword() {
        Map<String, Object> request = Map.of("request", Map.of("serviceId", SHOP, "processLabels", List.of(),
                "startTime", 0, "duration", 30, "targetType", "ON_CPU"));
        JsonNode refused = graphql.send(SwctlDocuments.CREATE_FIXED_TASK, request, null);
        assertThat(refused.get("errors").get(0).get("message").asText())
                .contains("createEBPFProfilingFixedTimeTask").contains("admin token");
        assertThat(graphql.send(SwctlDocuments.CREATE_FIXED_TASK, request, "Bearer wrong").has("errors")).isTrue();
        assertThat(graphql.result(SwctlDocuments.LIST_TASKS, Map.of("serviceId", SHOP))).as("nothing created")
                .isEmpty();

        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(graphql.result(SwctlDocuments.CREATE_FIXED_TASK, request, basic).get("status").asBoolean())
                .isTrue();
        assertThat(graphql.result(SwctlDocuments.CREATE_FIXED_TASK, request, BEARER).get("status").asBoolean())
                .isTrue();
        assertThat(graphql.result(SwctlDocuments.LIST_TASKS, Map.of("serviceId", SHOP))).hasSize(2);
    }

    @Test
    void whatIsNotServedAnswersAnErrorNamingIt() {
        JsonNode health = graphql.send("query { checkHealth { score } }", Map.of());
        assertThat(health.get("errors").get(0).get("message").asText()).contains("checkHealth")
                .contains("not implemented");
        JsonNode metrics = graphql.send("query { readMetricsValues { label } }", Map.of());
        assertThat(metrics.get("errors").get(0).get("message").asText()).contains("readMetricsValues");
        JsonNode badDuration = graphql.send(SwctlDocuments.LIST_INSTANCES, Map.of("serviceId", SHOP, "duration",
                Map.of("start", "yesterday", "end", "2026-01-01 1200", "step", "MINUTE")));
        assertThat(badDuration.get("errors").get(0).get("message").asText()).contains("duration.start")
                .contains("yyyy-MM-dd HHmm");
        JsonNode wrongTarget = graphql.result(SwctlDocuments.CREATE_FIXED_TASK, Map.of("request", Map.of(
                "serviceId", SHOP, "processLabels", List.of("no-such-label"), "startTime", 0, "duration", 30,
                "targetType", "ON_CPU")), BEARER);
        assertThat(wrongTarget.get("status").asBoolean()).isFalse();
        assertThat(wrongTarget.get("errorReason").asText()).contains("no-such-label");
    }

    @Test
    void introspectionDescribesTheSchemaWithTheExtensions() {
        JsonNode schema = graphql.result("query { result: __type(name: \"Duration\") { inputFields { name } } }",
                Map.of());
        assertThat(schema.get("inputFields")).extracting(f -> f.get("name").asText())
                .containsExactly("start", "end", "step", "coldStage");
        JsonNode full = graphql.send(INTROSPECTION, Map.of());
        assertThat(full.has("errors")).as(String.valueOf(full.get("errors"))).isFalse();
        assertThat(full.get("data").get("__schema").get("queryType").get("name").asText()).isEqualTo("Query");
    }

    /** The fixed-time tasks agent node-b is told to run, as their command arguments. */
    private List<Map<String, String>> agentTasks() {
        List<Command> commands = EBPFProfilingServiceGrpc.newBlockingStub(server.get().channel()).queryTasks(
                EBPFProfilingTaskQuery.newBuilder().setRoverInstanceId("node-b").build()).getCommandsList();
        return commands.stream().map(c -> c.getArgsList().stream().collect(
                Collectors.toMap(KeyStringValuePair::getKey, KeyStringValuePair::getValue))).toList();
    }

    private void upload(List<EBPFProfilingData> messages) {
        ClientStreams.send(EBPFProfilingServiceGrpc.newStub(server.get().channel())::collectProfilingData, messages);
    }

    /** The introspection query graphiql and most UIs send. */
    static final String INTROSPECTION = """
            query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name }
              types { ...FullType } directives { name description locations args { ...InputValue } } } }
            fragment FullType on __Type { kind name description
              fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef }
                isDeprecated deprecationReason }
              inputFields { ...InputValue } interfaces { ...TypeRef }
              enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
              possibleTypes { ...TypeRef } }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
            fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name
              ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
            """;
}
