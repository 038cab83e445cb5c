package io.groundstation.bench.reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decodes {@code ServiceWithPolicyJSON} the way Rover's Go types do: a type mismatch anywhere rejects the whole
 * payload, {@code null} or an absent field leaves the zero value, unknown object fields are ignored. Map keys are
 * checked against the sets Rover can handle. What Rover decodes without complaint but not as written (a missing
 * UUID, a null or unknown item field, a URI filter on a checker that is not HTTP, a number past 32 bits) is reported
 * too: the agent takes a zero value or ignores the field, so the backend meant something the agent never holds.
 */
public final class PolicyJsonReader {

    static final Set<String> TARGETS = Set.of("ON_CPU", "OFF_CPU", "NETWORK");
    static final Set<String> INTEGER_THRESHOLD_CHECKERS = Set.of("PROCESS_CPU", "PROCESS_THREAD_COUNT");
    static final Set<String> DECIMAL_THRESHOLD_CHECKERS =
            Set.of("SYSTEM_LOAD", "HTTP_ERROR_RATE", "HTTP_AVG_RESPONSE_TIME");
    static final Set<String> HTTP_CHECKERS = Set.of("HTTP_ERROR_RATE", "HTTP_AVG_RESPONSE_TIME");
    private static final Set<String> ITEM_FIELDS = Set.of("Threshold", "Period", "Count", "URIList", "URIRegex");

    // strconv.Atoi and strconv.ParseFloat, restricted to the forms a backend would write
    private static final Pattern GO_INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern GO_DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final ObjectMapper mapper =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public PolicyPayload read(String json) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return PolicyPayload.rejected(MisreadKind.POLICY_JSON_REJECTED, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            return PolicyPayload.rejected(MisreadKind.POLICY_JSON_REJECTED, "not a JSON array");
        }
        List<ServicePolicy> services = new ArrayList<>();
        List<Misread> findings = new ArrayList<>();
        try {
            for (JsonNode element : root) {
                services.add(readService(element, findings));
            }
        } catch (Rejection r) {
            return PolicyPayload.rejected(MisreadKind.POLICY_JSON_REJECTED, r.getMessage());
        }
        // An unknown target decodes fine and only breaks the agent afterwards, so a type fault anywhere wins over it.
        List<Misread> crashes = findings.stream().filter(m -> m.kind().crashesAgent()).toList();
        return crashes.isEmpty() ? new PolicyPayload(services, findings) : new PolicyPayload(List.of(), crashes);
    }

    private static ServicePolicy readService(JsonNode node, List<Misread> findings) {
        requireObject(node, "service element");
        String service = string(node.get("ServiceName"), "ServiceName");
        if (service.isEmpty()) {
            throw new Rejection("service element without ServiceName");
        }
        if (node.get("UUID") == null || node.get("UUID").isNull()) {
            findings.add(new Misread(MisreadKind.POLICY_NOT_AS_WRITTEN, "no UUID for " + service));
        }
        String uuid = string(node.get("UUID"), "UUID of " + service);
        Map<String, Map<String, PolicyItem>> profiling = new LinkedHashMap<>();
        JsonNode targets = node.get("Profiling");
        if (isPresent(targets)) {
            requireObject(targets, "Profiling of " + service);
            for (Map.Entry<String, JsonNode> target : targets.properties()) {
                if (!TARGETS.contains(target.getKey())) {
                    findings.add(new Misread(MisreadKind.POLICY_UNKNOWN_TARGET,
                            "target " + target.getKey() + " of " + service));
                }
                profiling.put(target.getKey(), readCheckers(service, target.getKey(), target.getValue(), findings));
            }
        }
        return new ServicePolicy(service, uuid, profiling);
    }

    private static Map<String, PolicyItem> readCheckers(String service, String target, JsonNode node,
                                                        List<Misread> findings) {
        Map<String, PolicyItem> items = new HashMap<>();
        if (!isPresent(node)) {
            return items;
        }
        requireObject(node, target + " of " + service);
        for (Map.Entry<String, JsonNode> checker : node.properties()) {
            String where = service + "/" + target + "/" + checker.getKey();
            boolean integerThreshold = INTEGER_THRESHOLD_CHECKERS.contains(checker.getKey());
            if (!integerThreshold && !DECIMAL_THRESHOLD_CHECKERS.contains(checker.getKey())) {
                throw new Rejection("unknown checker " + where);
            }
            if (!isPresent(checker.getValue())) {
                findings.add(new Misread(MisreadKind.POLICY_NOT_AS_WRITTEN, where + " is null"));
                continue;
            }
            PolicyItem item = readItem(checker.getValue(), where);
            notAsWritten(checker.getValue(), HTTP_CHECKERS.contains(checker.getKey()), integerThreshold, where)
                    .forEach(problem -> findings.add(new Misread(MisreadKind.POLICY_NOT_AS_WRITTEN, problem)));
            String dropReason = dropReason(item, integerThreshold);
            if (dropReason == null) {
                items.put(checker.getKey(), item);
            } else {
                findings.add(new Misread(MisreadKind.POLICY_ITEM_DROPPED, where + ": " + dropReason));
            }
        }
        return items;
    }

    private static PolicyItem readItem(JsonNode node, String where) {
        requireObject(node, where);
        List<String> uriList = new ArrayList<>();
        JsonNode list = node.get("URIList");
        if (isPresent(list)) {
            if (!list.isArray()) {
                throw new Rejection("URIList of " + where + " is not an array");
            }
            for (JsonNode uri : list) {
                uriList.add(string(uri, "URIList element of " + where));
            }
        }
        return new PolicyItem(
                string(node.get("Threshold"), "Threshold of " + where),
                integer(node.get("Period"), "Period of " + where),
                integer(node.get("Count"), "Count of " + where),
                uriList,
                string(node.get("URIRegex"), "URIRegex of " + where));
    }

    /** Fields of a decoded item that Rover holds other than written, or not at all. */
    private static List<String> notAsWritten(JsonNode node, boolean http, boolean integerThreshold, String where) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!ITEM_FIELDS.contains(field.getKey())) {
                problems.add(where + ": unknown field " + field.getKey());
            } else if (field.getValue().isNull() && field.getKey().startsWith("URI")) {
                problems.add(where + ": " + field.getKey() + " is null");
            } else if (field.getKey().startsWith("URI") && !http) {
                problems.add(where + ": " + field.getKey() + " on a checker that is not HTTP");
            }
        }
        JsonNode list = node.get("URIList");
        if (list != null) {
            list.forEach(uri -> {
                if (uri.isNull()) {
                    problems.add(where + ": a null URIList element");
                }
            });
        }
        // Go's int is 32 bits on 32-bit builds: only what fits is read alike by every build.
        for (String field : List.of("Period", "Count")) {
            JsonNode value = node.get(field);
            if (value != null && value.isIntegralNumber() && !value.canConvertToInt()) {
                problems.add(where + ": " + field + " " + value + " past 32 bits");
            }
        }
        JsonNode threshold = node.get("Threshold");
        if (integerThreshold && threshold != null && threshold.isTextual()
                && GO_INTEGER.matcher(threshold.textValue()).matches()
                && !fitsInt(threshold.textValue())) {
            problems.add(where + ": Threshold " + threshold.textValue() + " past 32 bits");
        }
        return problems;
    }

    private static boolean fitsInt(String integer) {
        try {
            Integer.parseInt(integer);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String dropReason(PolicyItem item, boolean integerThreshold) {
        if (item.threshold().isEmpty()) {
            return "empty Threshold";
        }
        Pattern number = integerThreshold ? GO_INTEGER : GO_DECIMAL;
        if (!number.matcher(item.threshold()).matches()) {
            return "Threshold " + item.threshold() + " does not parse";
        }
        if (!integerThreshold && !Double.isFinite(Double.parseDouble(item.threshold()))) {
            return "Threshold " + item.threshold() + " is out of range"; // strconv.ParseFloat's ErrRange
        }
        if (item.period() <= 0) {
            return "Period " + item.period();
        }
        if (item.count() <= 0 || item.count() > item.period()) {
            return "Count " + item.count() + " with Period " + item.period();
        }
        return null;
    }

    private static boolean isPresent(JsonNode node) {
        return node != null && !node.isNull();
    }

    private static void requireObject(JsonNode node, String what) {
        if (!node.isObject()) {
            throw new Rejection(what + " is not an object");
        }
    }

    private static String string(JsonNode node, String what) {
        if (!isPresent(node)) {
            return "";
        }
        if (!node.isTextual()) {
            throw new Rejection(what + " is not a JSON string: " + node);
        }
        return node.textValue();
    }

    private static long integer(JsonNode node, String what) {
        if (!isPresent(node)) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new Rejection(what + " is not a JSON integer: " + node);
        }
        return node.longValue();
    }

    /** Ends decoding at the first fault, as Go's json.Unmarshal does. */
    private static final class Rejection extends RuntimeException {
        Rejection(String detail) {
            super(detail, null, false, false);
        }
    }
}
