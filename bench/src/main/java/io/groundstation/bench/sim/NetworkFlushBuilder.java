package io.groundstation.bench.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
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

/**
 * Lays out one 2-s flush of a NETWORK task as Rover does (protocol.md §8): one {@code MeterDataCollection} per
 * (service, instance) whose first element alone carries service, instance and timestamp, counters as deltas, means
 * over the flush, layer-4 histograms of 34 buckets in random order; one log stream per service with the sampled
 * slow and failing requests; for some of those, their request and response content (headers with an
 * {@code Authorization} and a {@code Cookie}, bodies now and then large) and a syscall event.
 */
final class NetworkFlushBuilder {

    private static final String PREFIX = "rover_net_p_";
    private static final double[] NS_BUCKETS = buckets(5e9);
    private static final double[] US_BUCKETS = buckets(5e6);
    private static final double[] MS_BUCKETS = {0, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000};
    private static final double[] SIZE_BUCKETS = {0, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576};
    private static final double LARGE_BODY_CHANCE = 0.02;

    /** The three streams of one flush. */
    record Flush(List<MeterDataCollection> meters, List<List<LogData>> logStreams, List<SpanAttachedEvent> events) {
    }

    /** 34 lower bounds from 0 to {@code max}, growing geometrically, as Rover's layer-4 histograms have. */
    private static double[] buckets(double max) {
        double[] bounds = new double[34];
        for (int i = 1; i < bounds.length; i++) {
            bounds[i] = Math.round(Math.pow(max, (double) i / (bounds.length - 1)));
        }
        return bounds;
    }

    Flush flush(List<RunningNetworkTask> tasks, SplittableRandom random) {
        long now = System.currentTimeMillis();
        Map<SimulatedProcess, String> processes = new LinkedHashMap<>();
        tasks.forEach(task -> processes.putAll(task.processes()));
        Map<List<String>, List<Map.Entry<SimulatedProcess, String>>> byInstance = new TreeMap<>(
                (a, b) -> String.join("\n", a).compareTo(String.join("\n", b)));
        for (Map.Entry<SimulatedProcess, String> process : processes.entrySet()) {
            byInstance.computeIfAbsent(List.of(process.getKey().serviceName(),
                    process.getKey().entity().getInstanceName()), k -> new ArrayList<>()).add(process);
        }
        List<MeterDataCollection> meters = new ArrayList<>();
        Map<String, List<LogData>> logs = new TreeMap<>();
        List<SpanAttachedEvent> events = new ArrayList<>();
        byInstance.forEach((instance, members) -> {
            List<MeterData> elements = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String local = members.get(i).getValue();
                String peer = members.size() > 1 ? members.get((i + 1) % members.size()).getValue() : null;
                links(local, peer, random).forEach(link -> elements.addAll(linkMeters(link, random)));
                traces(instance.get(0), instance.get(1), members.get(i).getKey(), local, peer, now, random,
                        logs.computeIfAbsent(instance.get(0), s -> new ArrayList<>()), events);
            }
            MeterDataCollection.Builder collection = MeterDataCollection.newBuilder();
            for (int i = 0; i < elements.size(); i++) {
                collection.addMeterData(i == 0 ? elements.get(i).toBuilder().setService(instance.get(0))
                        .setServiceInstance(instance.get(1)).setTimestamp(now).build() : elements.get(i));
            }
            meters.add(collection.build());
        });
        List<List<LogData>> logStreams = new ArrayList<>();
        logs.values().stream().filter(stream -> !stream.isEmpty()).forEach(logStreams::add);
        return new Flush(meters, logStreams, events);
    }

    private record Link(String side, Map<String, String> labels) {
    }

    /** An outside client reaching the process, the process calling out, and its call to the pod's other process. */
    private static List<Link> links(String local, String peer, SplittableRandom random) {
        List<Link> links = new ArrayList<>();
        links.add(link("server", local, "client_address", "10.200." + random.nextInt(256) + "." + random.nextInt(256)
                + ":" + (30_000 + random.nextInt(30_000))));
        links.add(link("client", local, "server_address", "10.96.0." + (10 + random.nextInt(20)) + ":8080"));
        links.add(peer == null ? link("client", local, "server_local", "true")
                : link("client", local, "server_process_id", peer));
        return links;
    }

    private static Link link(String side, String local, String peerLabel, String peerValue) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(side + "_process_id", local);
        labels.put(peerLabel, peerValue);
        labels.put("side", side);
        labels.put("protocol", "http");
        labels.put("is_ssl", "false");
        return new Link(side, labels);
    }

    private static List<MeterData> linkMeters(Link link, SplittableRandom random) {
        List<MeterData> meters = new ArrayList<>();
        String role = link.side();
        int requests = 1 + random.nextInt(200);
        for (String op : new String[]{"write", "read"}) {
            int count = requests + random.nextInt(requests + 1);
            meters.add(single(role + "_" + op + "_counts_counter", count, link.labels()));
            meters.add(single(role + "_" + op + "_bytes_counter", count * (200L + random.nextInt(4000)),
                    link.labels()));
            meters.add(single(role + "_" + op + "_exe_time_counter", 5_000 + random.nextInt(200_000), link.labels()));
            meters.add(histogram(role + "_" + op + "_exe_time_histogram", NS_BUCKETS, count, true, link.labels(),
                    random));
        }
        meters.add(single(role + "_write_rtt_counts_counter", requests, link.labels()));
        meters.add(single(role + "_write_rtt_exe_time_counter", 100 + random.nextInt(5_000), link.labels()));
        meters.add(histogram(role + "_write_rtt_histogram", US_BUCKETS, requests, true, link.labels(), random));
        if (random.nextInt(10) == 0) {
            meters.add(single(role + "_retransmit_counts_counter", 1 + random.nextInt(3), link.labels()));
        }
        int errors = random.nextInt(20) == 0 ? random.nextInt(requests + 1) : 0;
        meters.add(single("http1_request_counter", requests, link.labels()));
        meters.add(single("http1_response_status_counter", requests - errors, with(link.labels(), "code", "200")));
        if (errors > 0) {
            meters.add(single("http1_response_status_counter", errors, with(link.labels(), "code", "503")));
        }
        meters.add(single("http1_" + role + "_duration_avg", 2 + random.nextInt(300), link.labels()));
        meters.add(histogram("http1_" + role + "_duration_histogram", MS_BUCKETS, requests, false, link.labels(),
                random));
        meters.add(single("http1_request_package_size_avg", 200 + random.nextInt(2000), link.labels()));
        meters.add(single("http1_response_package_size_avg", 200 + random.nextInt(20_000), link.labels()));
        meters.add(histogram("http1_request_package_size_histogram", SIZE_BUCKETS, requests, false, link.labels(),
                random));
        meters.add(histogram("http1_response_package_size_histogram", SIZE_BUCKETS, requests, false,
                link.labels(), random));
        return meters;
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private static MeterData single(String name, double value, Map<String, String> labels) {
        return MeterData.newBuilder().setSingleValue(MeterSingleValue.newBuilder().setName(PREFIX + name)
                .setValue(value).addAllLabels(labels(labels))).build();
    }

    /** {@code total} hits spread over the buckets; layer-4 histograms come with their buckets shuffled. */
    private static MeterData histogram(String name, double[] bounds, int total, boolean shuffled,
                                       Map<String, String> labels, SplittableRandom random) {
        long[] counts = new long[bounds.length];
        int center = random.nextInt(bounds.length);
        for (int i = 0; i < total; i++) {
            counts[Math.max(0, Math.min(bounds.length - 1, center + random.nextInt(5) - 2))]++;
        }
        List<MeterBucketValue> values = new ArrayList<>();
        for (int i = 0; i < bounds.length; i++) {
            values.add(MeterBucketValue.newBuilder().setBucket(bounds[i]).setCount(counts[i]).build());
        }
        if (shuffled) {
            Collections.shuffle(values, new java.util.Random(random.nextLong()));
        }
        return MeterData.newBuilder().setHistogram(MeterHistogram.newBuilder().setName(PREFIX + name)
                .addAllLabels(labels(labels)).addAllValues(values)).build();
    }

    private static List<Label> labels(Map<String, String> labels) {
        List<Label> list = new ArrayList<>(labels.size());
        labels.forEach((k, v) -> list.add(Label.newBuilder().setName(k).setValue(v).build()));
        return list;
    }

    /** Up to three sampled requests of the process; half of them with their content and a syscall. */
    private static void traces(String service, String instance, SimulatedProcess process, String local, String peer,
                               long now, SplittableRandom random, List<LogData> logs,
                               List<SpanAttachedEvent> events) {
        for (int n = random.nextInt(4); n > 0; n--) {
            String traceId = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
            int roll = random.nextInt(3);
            String reason = roll == 0 ? "slow" : roll == 1 ? "status_4xx" : "status_5xx";
            int status = roll == 0 ? 200 : roll == 1 ? 404 : 503;
            String uri = "/api/" + (char) ('a' + random.nextInt(6)) + "/items";
            String server = peer == null ? "{\"process_id\":\"\",\"local\":false,\"address\":\"10.96.0.12:8080\"}"
                    : "{\"process_id\":\"" + peer + "\",\"local\":false,\"address\":\"\"}";
            String json = "{\"uri\":\"" + uri + "\",\"reason\":\"" + reason + "\",\"latency\":"
                    + (roll == 0 ? 500 + random.nextInt(3000) : 5 + random.nextInt(100))
                    + ",\"trace_provider\":\"skywalking\",\"client_process\":{\"process_id\":\"" + local
                    + "\",\"local\":false,\"address\":\"\"},\"server_process\":" + server
                    + ",\"detect_point\":\"client\",\"component\":\"http\",\"ssl\":false,\"status\":" + status + "}";
            logs.add(LogData.newBuilder().setTimestamp(now).setService(service).setServiceInstance(instance)
                    .setLayer("MESH").setTags(LogTags.newBuilder().addData(pair("LOG_KIND",
                            "NET_PROFILING_SAMPLED_TRACE")))
                    .setTraceContext(TraceContext.newBuilder().setTraceId(traceId))
                    .setBody(LogDataBody.newBuilder().setJson(JSONLog.newBuilder().setJson(json))).build());
            if (random.nextBoolean()) {
                String name = process.entity().getProcessName();
                events.add(httpEvent("HTTP Request Sampling", traceId, now, "GET " + uri + " HTTP/1.1\r\nHost: "
                        + service + "\r\nAuthorization: Bearer sim-" + Long.toHexString(random.nextLong())
                        + "\r\nCookie: session=" + Long.toHexString(random.nextLong()) + "\r\nsw8: 1-" + traceId
                        + "\r\n\r\n", service, instance, name));
                events.add(httpEvent("HTTP Response Sampling", traceId, now + 3, "HTTP/1.1 " + status
                        + " X\r\nContent-Type: application/json\r\nSet-Cookie: id=" + random.nextInt() + "\r\n\r\n"
                        + body(random), service, instance, name));
                events.add(event("Syscall write", traceId, now + 1, List.of(pair("package_size", "512"),
                        pair("package_count", "1"), pair("network_name", "eth0"), pair("network_index", "2"),
                        pair("avg_rtt_time", (1000 + random.nextInt(90_000)) + "ns"), pair("service_name", service),
                        pair("service_instance_name", instance), pair("process_name", name))));
            }
        }
    }

    private static String body(SplittableRandom random) {
        int size = random.nextDouble() < LARGE_BODY_CHANCE ? 1 << 20 : 256 + random.nextInt(16_384);
        return "{\"items\":\"" + "x".repeat(size) + "\"}";
    }

    private static SpanAttachedEvent httpEvent(String name, String traceId, long startMillis, String content,
                                               String service, String instance, String process) {
        return event(name, traceId, startMillis, List.of(pair("data_size", content.length() + "B"),
                pair("data_content", content), pair("data_direction", "outbound"), pair("data_type", "http"),
                pair("connection_role", "client"), pair("service_name", service),
                pair("service_instance_name", instance), pair("process_name", process)));
    }

    private static SpanAttachedEvent event(String name, String traceId, long startMillis,
                                           List<KeyStringValuePair> tags) {
        return SpanAttachedEvent.newBuilder().setEvent(name).setStartTime(instant(startMillis))
                .setEndTime(instant(startMillis + 2)).addAllTags(tags)
                .setTraceContext(SpanAttachedEvent.SpanReference.newBuilder()
                        .setType(SpanAttachedEvent.SpanReferenceType.SKYWALKING).setTraceId(traceId)
                        .setTraceSegmentId(traceId + ".1").setSpanId("0")).build();
    }

    private static Instant instant(long millis) {
        return Instant.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
    }

    private static KeyStringValuePair pair(String key, String value) {
        return KeyStringValuePair.newBuilder().setKey(key).setValue(value).build();
    }
}
