package io.groundstation.policy;

import io.groundstation.json.JsonText;
import io.groundstation.task.ProfilingTarget;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a policy's targets as JSON, in a fixed order, in one of three spellings: the canonical form (what is
 * stored and hashed into the version), the operator API's form (the canonical one with the threshold as the JSON
 * number it is, so what the API returns it also accepts, with the same version) and the agent's form inside
 * {@code ServiceWithPolicyJSON}. Written by hand because the agent is strict about types: {@code Threshold} is a JSON
 * string, {@code Period} and {@code Count} are JSON integers, and only known keys appear (docs/protocol.md §4).
 */
public final class PolicyJson {

    /**
     * Field names of one spelling; {@code quotedThreshold}: the threshold as a JSON string, otherwise as a JSON number
     * (its text is a plain decimal).
     */
    record Spelling(boolean quotedThreshold, String threshold, String period, String count, String uriList,
                    String uriRegex) {

        static final Spelling CANONICAL = new Spelling(true, "threshold", "period", "count", "uriList", "uriRegex");
        static final Spelling API = new Spelling(false, "threshold", "period", "count", "uriList", "uriRegex");
        static final Spelling AGENT = new Spelling(true, "Threshold", "Period", "Count", "URIList", "URIRegex");
    }

    private PolicyJson() {
    }

    /** The canonical form of the targets, e.g. {@code {"ON_CPU":{"PROCESS_CPU":{"threshold":"80",...}}}}. */
    public static String canonical(Policy policy) {
        return targets(policy, Spelling.CANONICAL, 0);
    }

    /** The operator API's form, e.g. {@code {"ON_CPU":{"PROCESS_CPU":{"threshold":80,...}}}}. */
    public static String api(Policy policy) {
        return targets(policy, Spelling.API, 0);
    }

    /**
     * The reverse of {@link #canonical}, for targets that were valid when stored: read as written, not validated
     * again, so a limit lowered since cannot make a stored policy unreadable.
     */
    public static Policy readCanonical(String serviceName, Map<String, Map<String, Map<String, Object>>> targets) {
        Map<ProfilingTarget, Map<CheckerType, CheckItem>> read = new EnumMap<>(ProfilingTarget.class);
        targets.forEach((target, checkers) -> {
            Map<CheckerType, CheckItem> items = new EnumMap<>(CheckerType.class);
            checkers.forEach((checker, item) -> items.put(CheckerType.valueOf(checker), new CheckItem(
                    (String) item.get(Spelling.CANONICAL.threshold()),
                    ((Number) item.get(Spelling.CANONICAL.period())).intValue(),
                    ((Number) item.get(Spelling.CANONICAL.count())).intValue(),
                    uriList(item.get(Spelling.CANONICAL.uriList())),
                    (String) item.get(Spelling.CANONICAL.uriRegex()))));
            read.put(ProfilingTarget.valueOf(target), items);
        });
        return new Policy(serviceName, read);
    }

    private static List<String> uriList(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(String.class::cast).toList();
    }

    static String targets(Policy policy, Spelling spelling, int variant) {
        StringBuilder json = new StringBuilder(128).append('{');
        boolean firstTarget = true;
        for (Map.Entry<ProfilingTarget, Map<CheckerType, CheckItem>> target : policy.targets().entrySet()) {
            json.append(firstTarget ? "" : ",").append(JsonText.quote(target.getKey().name())).append(":{");
            firstTarget = false;
            boolean firstItem = true;
            for (Map.Entry<CheckerType, CheckItem> checker : target.getValue().entrySet()) {
                json.append(firstItem ? "" : ",").append(JsonText.quote(checker.getKey().name())).append(':');
                item(json, checker.getValue(), spelling, variant);
                firstItem = false;
            }
            json.append('}');
        }
        return json.append('}').toString();
    }

    private static void item(StringBuilder json, CheckItem item, Spelling spelling, int variant) {
        json.append('{').append(JsonText.quote(spelling.threshold())).append(':')
                .append(spelling.quotedThreshold() ? JsonText.quote(item.threshold()) : item.threshold())
                .append(',').append(JsonText.quote(spelling.period())).append(':').append(item.period())
                .append(',').append(JsonText.quote(spelling.count())).append(':').append(item.count());
        if (!item.uriList().isEmpty()) {
            json.append(',').append(JsonText.quote(spelling.uriList())).append(':')
                    .append(JsonText.array(UriFilterVariants.list(item.uriList(), variant)));
        }
        if (item.uriRegex() != null) {
            json.append(',').append(JsonText.quote(spelling.uriRegex())).append(':')
                    .append(JsonText.quote(UriFilterVariants.regex(item.uriRegex(), variant)));
        }
        json.append('}');
    }
}
