package io.groundstation.graphql;

/**
 * The operations and selections swctl (apache/skywalking-cli, assets/graphqls) sends, written for these tests;
 * every operation's result is aliased {@code result}, as swctl does.
 */
final class SwctlDocuments {

    private SwctlDocuments() {
    }

    static final String VERSION = "query { result: version }";
    static final String LIST_LAYERS = "query { result: listLayers }";
    static final String TIME_INFO = "query { result: getTimeInfo { timezone, currentTimestamp } }";
    static final String SERVICE_FIELDS = "id name group shortName layers normal";
    static final String LIST_SERVICES = "query ($layer: String!) { result: listServices(layer: $layer) { "
            + SERVICE_FIELDS + " } }";
    static final String ALL_SERVICES = "query ($duration: Duration!) { result: getAllServices(duration: $duration)"
            + " { " + SERVICE_FIELDS + " } }";
    static final String FIND_SERVICE = "query findService($serviceName: String!) { result: findService(serviceName:"
            + " $serviceName) { " + SERVICE_FIELDS + " } }";
    static final String INSTANCE_FIELDS = "id name language instanceUUID attributes { name value }";
    static final String LIST_INSTANCES = "query ($serviceId: ID!, $duration: Duration!) { result: listInstances("
            + "duration: $duration, serviceId: $serviceId) { " + INSTANCE_FIELDS + " } }";
    static final String GET_INSTANCE = "query ($instanceId: String!) { result: getInstance(instanceId: $instanceId)"
            + " { " + INSTANCE_FIELDS + " } }";
    static final String PROCESS_FIELDS = "id name serviceId serviceName instanceId instanceName agentId detectType"
            + " labels attributes { name value }";
    static final String LIST_PROCESSES = "query ($instanceId: ID!, $duration: Duration!) { result: listProcesses("
            + "instanceId: $instanceId, duration: $duration) { " + PROCESS_FIELDS + " } }";
    static final String GET_PROCESS = "query ($processId: ID!) { result: getProcess(processId: $processId) { "
            + PROCESS_FIELDS + " } }";
    static final String ESTIMATE_SCALE = "query ($serviceId: ID!, $labels: [String!]!) { result:"
            + " estimateProcessScale(serviceId: $serviceId, labels: $labels) }";
    static final String PREPARE_TASK = "query ($serviceId: ID!) { result: queryPrepareCreateEBPFProfilingTaskData("
            + "serviceId: $serviceId) { couldProfiling processLabels } }";
    static final String CREATE_FIXED_TASK = "mutation ($request: EBPFProfilingTaskFixedTimeCreationRequest!) {"
            + " result: createEBPFProfilingFixedTimeTask(request: $request) { status id errorReason } }";
    static final String CREATE_NETWORK_TASK = "mutation ($request: EBPFProfilingNetworkTaskRequest!) { result:"
            + " createEBPFNetworkProfiling(request: $request) { status id errorReason } }";
    static final String KEEP_NETWORK_TASK = "mutation ($taskId: ID!) { result: keepEBPFNetworkProfiling(taskId:"
            + " $taskId) { status errorReason } }";
    static final String LIST_TASKS = "query ($serviceId: ID!, $triggerType: EBPFProfilingTriggerType) { result:"
            + " queryEBPFProfilingTasks(serviceId: $serviceId, triggerType: $triggerType) { taskId serviceId"
            + " serviceName serviceInstanceId serviceInstanceName processLabels processId processName taskStartTime"
            + " triggerType fixedTriggerDuration continuousProfilingCauses { type singleValue { threshold current }"
            + " uri { uriRegex uriPath threshold current } message } targetType createTime } }";
    static final String LIST_SCHEDULES = "query ($taskID: ID!) { result: queryEBPFProfilingSchedules(taskId:"
            + " $taskID) { scheduleId taskId startTime endTime process { " + PROCESS_FIELDS + " } } }";
    static final String ANALYSE = "query ($scheduleIdList: [ID!]!, $timeRanges: [EBPFProfilingAnalyzeTimeRange!]!,"
            + " $aggregateType: EBPFProfilingAnalyzeAggregateType) { result: analysisEBPFProfilingResult("
            + "scheduleIdList: $scheduleIdList, timeRanges: $timeRanges, aggregateType: $aggregateType) { tip trees {"
            + " elements { id parentId symbol stackType dumpCount } } } }";
    static final String SET_POLICY = "mutation ($request: ContinuousProfilingPolicyCreation!) { result:"
            + " setContinuousProfilingPolicy(request: $request) { status errorReason } }";
    static final String SERVICE_TARGETS = "query ($serviceId: ID!) { result: queryContinuousProfilingServiceTargets("
            + "serviceId: $serviceId) { type checkItems { type threshold period count uriList uriRegex }"
            + " triggeredCount lastTriggerTimestamp } }";
    static final String MONITORING_INSTANCES = "query ($serviceId: ID!, $target: ContinuousProfilingTargetType!) {"
            + " result: queryContinuousProfilingMonitoringInstances(serviceId: $serviceId, target: $target) { id name"
            + " attributes { name value } triggeredCount lastTriggerTimestamp processes { id name detectType labels"
            + " triggeredCount lastTriggerTimestamp } } }";
    static final String PROCESS_TOPOLOGY = "query ($serviceInstanceId: ID!, $duration: Duration!) { result:"
            + " getProcessTopology(serviceInstanceId: $serviceInstanceId, duration: $duration) { nodes { id serviceId"
            + " serviceName serviceInstanceId serviceInstanceName name isReal } calls { source target id detectPoints"
            + " sourceComponents targetComponents } } }";
}
