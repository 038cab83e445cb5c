package io.groundstation.testing;

import org.apache.skywalking.apm.network.common.v3.Instant;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;
import org.apache.skywalking.apm.network.language.agent.v3.Label;
import org.apache.skywalking.apm.network.language.agent.v3.MeterBucketValue;
import org.apache.skywalking.apm.network.language.agent.v3.MeterData;
import org.apache.skywalking.apm.network.language.agent.v3.MeterDataCollection;
import org.apache.skywalking.apm.network.language.agent.v3.MeterHistogram;
import org.apache.skywalking.apm.network.language.agent.v3.MeterSingleValue;
import org.apache.skywalking.apm.network.language.agent.v3.SpanAttachedEvent;
import org.apache.skywalking.apm.network.logging.v3.JSONLog;
import org.apache.skywalking.apm.network.logging.v3.LogData;
import org.apache.skywalking.apm.network.logging.v3.LogDataBody;
import org.apache.skywalking.apm.network.logging.v3.LogTags;
import org.apache.skywalking.apm.network.logging.v3.TraceContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The three streams of a NETWORK task shaped as Rover builds them (protocol.md §8). */
public final class NetworkStreams {

    private NetworkStreams() {
    }

    /** The labels of one link: the local role's process id, the peer label, side, protocol and TLS. */
    public static Map<String, String> link(String side, String localProcessId, String peerLabel, String peerValue,
                                           String protocol, boolean ssl) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(side + "_process_id", localProcessId);
        labels.put(peerLabel, peerValue);
        labels.put("side", side);
        labels.put("protocol", protocol);
        labels.put("is_ssl", Boolean.toString(ssl));
        return labels;
    }

    public static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return more;
    }

    /** One collection: only the first element carries service, instance and timestamp. */
    public static MeterDataCollection collection(String service, String instance, long timestamp,
                                                 List<MeterData> elements) {
        MeterDataCollection.Builder collection = MeterDataCollection.newBuilder();
        for (int i = 0; i < elements.size(); i++) {
            MeterData element = elements.get(i);
            collection.addMeterData(i == 0 ? element.toBuilder().setService(service).setServiceInstance(instance)
                    .setTimestamp(timestamp).build() : element);
        }
        return collection.build();
    }

    public static MeterData single(String name, double value, Map<String, String> labels) {
        return MeterData.newBuilder().setSingleValue(MeterSingleValue.newBuilder().setName(name).setValue(value)
                .addAllLabels(labels(labels))).build();
    }

    /** A histogram with its buckets in random order, as Rover's layer-4 histograms come. */
    public static MeterData histogram(String name, Map<Double, Long> buckets, Map<String, String> labels,
                                      Random random) {
        List<MeterBucketValue> values = new ArrayList<>();
        buckets.forEach((bucket, count) -> values.add(MeterBucketValue.newBuilder().setBucket(bucket)
                .setCount(count).build()));
        Collections.shuffle(values, random);
        return MeterData.newBuilder().setHistogram(MeterHistogram.newBuilder().setName(name)
                .addAllLabels(labels(labels)).addAllValues(values)).build();
    }

    private static List<Label> labels(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> Label.newBuilder().setName(e.getKey()).setValue(e.getValue())
                .build()).toList();
    }

    /** A sampled-trace log; {@code client}/{@code server} are process ids, or "" for an address end. */
    public static LogData sampledTrace(String service, String instance, long timestamp, String traceId, String uri,
                                       String reason, long latencyMs, int status, String client, String server,
                                       String detectPoint) {
        String json = "{\"uri\":\"" + uri + "\",\"reason\":\"" + reason + "\",\"latency\":" + latencyMs
                + ",\"trace_provider\":\"skywalking\",\"client_process\":" + end(client)
                + ",\"server_process\":" + end(server) + ",\"detect_point\":\"" + detectPoint
                + "\",\"component\":\"http\",\"ssl\":false,\"status\":" + status + "}";
        return LogData.newBuilder().setTimestamp(timestamp).setService(service).setServiceInstance(instance)
                .setLayer("MESH")
                .setTags(LogTags.newBuilder().addData(pair("LOG_KIND", "NET_PROFILING_SAMPLED_TRACE")))
                .setTraceContext(TraceContext.newBuilder().setTraceId(traceId))
                .setBody(LogDataBody.newBuilder().setJson(JSONLog.newBuilder().setJson(json))).build();
    }

    private static String end(String processId) {
        return processId.isEmpty() ? "{\"process_id\":\"\",\"local\":false,\"address\":\"10.9.9.9:443\"}"
                : "{\"process_id\":\"" + processId + "\",\"local\":false,\"address\":\"\"}";
    }

    /** {@code HTTP Request Sampling} / {@code HTTP Response Sampling} with the content as captured. */
    public static SpanAttachedEvent httpEvent(String name, String traceId, long startMillis, String content,
                                              String service, String instance, String process) {
        return event(name, traceId, startMillis).addAllTags(List.of(pair("data_size", content.length() + "B"),
                        pair("data_content", content), pair("data_direction", "outbound"),
                        pair("data_type", "http"), pair("connection_role", "client"), pair("service_name", service),
                        pair("service_instance_name", instance), pair("process_name", process)))
                .build();
    }

    public static SpanAttachedEvent syscallEvent(String traceId, long startMillis, String service, String instance,
                                                 String process) {
        return event("Syscall write", traceId, startMillis).addAllTags(List.of(pair("package_size", "512"),
                        pair("package_count", "1"), pair("network_name", "eth0"), pair("network_index", "2"),
                        pair("avg_rtt_time", "1500ns"), pair("service_name", service),
                        pair("service_instance_name", instance), pair("process_name", process)))
                .build();
    }

    private static SpanAttachedEvent.Builder event(String name, String traceId, long startMillis) {
        return SpanAttachedEvent.newBuilder().setEvent(name).setStartTime(instant(startMillis))
                .setEndTime(instant(startMillis + 3))
                .setTraceContext(SpanAttachedEvent.SpanReference.newBuilder()
                        .setType(SpanAttachedEvent.SpanReferenceType.SKYWALKING).setTraceId(traceId)
                        .setTraceSegmentId("segment-1").setSpanId("0"));
    }

    private static Instant instant(long millis) {
        return Instant.newBuilder().setSeconds(Math.floorDiv(millis, 1000)).setNanos((int) Math.floorMod(millis, 1000)
                * 1_000_000).build();
    }

    private static KeyStringValuePair pair(String key, String value) {
        return KeyStringValuePair.newBuilder().setKey(key).setValue(value).build();
    }
}
