package io.groundstation.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.skywalking.apm.network.common.v3.Command;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a queryPolicies reply as strictly as the agent (protocol.md §4) and fails on anything the agent would
 * reject or crash on: zero commands, or exactly one ContinuousProfilingPolicyQuery whose ServiceWithPolicyJSON is
 * an array of services; string thresholds; integer period and count; only the three target keys and five checker
 * keys; URIList and URIRegex on HTTP checkers only.
 */
public final class StrictPolicyReader {

    private static final Set<String> TARGETS = Set.of("ON_CPU", "OFF_CPU", "NETWORK");
    private static final Set<String> CHECKERS = Set.of("PROCESS_CPU", "PROCESS_THREAD_COUNT", "SYSTEM_LOAD",
            "HTTP_ERROR_RATE", "HTTP_AVG_RESPONSE_TIME");
    private static final Set<String> HTTP_CHECKERS = Set.of("HTTP_ERROR_RATE", "HTTP_AVG_RESPONSE_TIME");
    private static final Set<String> ITEM_KEYS = Set.of("Threshold", "Period", "Count", "URIList", "URIRegex");

    /** One checker as the agent holds it. */
    public record Item(String threshold, int period, int count, List<String> uriList, String uriRegex) {
    }

    /** One service of the reply; {@code profiling} is null when the agent must drop the service's policy. */
    public record ServicePolicy(String serviceName, String uuid, Map<String, Map<String, Item>> profiling) {
    }

    private StrictPolicyReader() {
    }

    /** The services in the reply; empty for a reply of zero commands ("nothing changed"). */
    public static List<ServicePolicy> read(Commands reply) {
        if (reply.getCommandsCount() == 0) {
            return List.of();
        }
        if (reply.getCommandsCount() != 1) {
            throw new AssertionError("agent rejects " + reply.getCommandsCount() + " commands");
        }
        Command command = reply.getCommands(0);
        if (!command.getCommand().equals("ContinuousProfilingPolicyQuery")) {
            throw new AssertionError("agent rejects command " + command.getCommand());
        }
        String json = command.getArgsList().stream().filter(a -> a.getKey().equals("ServiceWithPolicyJSON"))
                .map(KeyStringValuePair::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no ServiceWithPolicyJSON argument"));
        JsonNode services = TestServer.readJson(json);
        check(services.isArray(), "ServiceWithPolicyJSON must be an array");
        List<ServicePolicy> policies = new ArrayList<>();
        for (JsonNode service : services) {
            check(service.path("ServiceName").isTextual(), "ServiceName must be a string");
            check(service.path("UUID").isTextual(), "UUID must be a string");
            JsonNode profiling = service.get("Profiling");
            policies.add(new ServicePolicy(service.get("ServiceName").asText(), service.get("UUID").asText(),
                    profiling == null || profiling.isNull() ? null : profiling(profiling)));
        }
        return policies;
    }

    private static Map<String, Map<String, Item>> profiling(JsonNode profiling) {
        check(profiling.isObject(), "Profiling must be an object");
        Map<String, Map<String, Item>> targets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = profiling.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> target = it.next();
            check(TARGETS.contains(target.getKey()), "unknown target key crashes the agent: " + target.getKey());
            Map<String, Item> checkers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> items = target.getValue().fields(); items.hasNext(); ) {
                Map.Entry<String, JsonNode> checker = items.next();
                check(CHECKERS.contains(checker.getKey()), "unknown checker key: " + checker.getKey());
                checkers.put(checker.getKey(), item(checker.getKey(), checker.getValue()));
            }
            targets.put(target.getKey(), checkers);
        }
        return targets;
    }

    private static Item item(String checker, JsonNode item) {
        item.fieldNames().forEachRemaining(key -> check(ITEM_KEYS.contains(key), "unknown item key " + key));
        check(item.path("Threshold").isTextual(), checker + ": Threshold must be a JSON string");
        check(item.path("Period").isInt(), checker + ": Period must be a JSON integer");
        check(item.path("Count").isInt(), checker + ": Count must be a JSON integer");
        String threshold = item.get("Threshold").asText();
        if (checker.equals("PROCESS_CPU") || checker.equals("PROCESS_THREAD_COUNT")) {
            Integer.parseInt(threshold);
        } else {
            Double.parseDouble(threshold);
        }
        int period = item.get("Period").asInt();
        int count = item.get("Count").asInt();
        check(period > 0 && count > 0 && count <= period, checker + ": the agent drops period/count " + period
                + "/" + count);
        List<String> uris = new ArrayList<>();
        if (item.has("URIList")) {
            check(HTTP_CHECKERS.contains(checker) && item.get("URIList").isArray(), checker + ": bad URIList");
            item.get("URIList").forEach(uri -> {
                check(uri.isTextual(), "URIList entries must be strings");
                uris.add(uri.asText());
            });
        }
        String regex = null;
        if (item.has("URIRegex")) {
            check(HTTP_CHECKERS.contains(checker) && item.get("URIRegex").isTextual(), checker + ": bad URIRegex");
            regex = item.get("URIRegex").asText();
        }
        return new Item(threshold, period, count, uris, regex);
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError("the agent would reject this reply: " + problem);
        }
    }
}
