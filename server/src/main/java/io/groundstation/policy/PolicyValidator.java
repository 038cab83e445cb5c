package io.groundstation.policy;

import io.groundstation.task.ProfilingTarget;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a policy as an operator wrote it (JSON parsed into maps, lists, strings and numbers) into a {@link Policy}
 * the agent is certain to parse and apply, or lists every problem with its path. Nothing invalid is ever stored
 * or sent: the agent drops a malformed item silently, and an unknown key crashes it.
 */
public final class PolicyValidator {

    /** Longest window we accept: the agent keeps a sample a second for it, per item and process. */
    public static final int MAX_PERIOD_SECONDS = 3600;
    private static final Set<String> ITEM_FIELDS = Set.of("threshold", "period", "count", "uriList", "uriRegex");

    private final int maxNameLength;

    public PolicyValidator(int maxNameLength) {
        this.maxNameLength = maxNameLength;
    }

    public Policy validate(String serviceName, Object targets) {
        List<String> problems = new ArrayList<>();
        if (serviceName == null || serviceName.isBlank()) {
            problems.add("service: must not be blank");
        } else if (serviceName.length() > maxNameLength || serviceName.indexOf('\0') >= 0) {
            problems.add("service: longer than " + maxNameLength + " characters or holds a NUL character");
        }
        Map<ProfilingTarget, Map<CheckerType, CheckItem>> parsed = new EnumMap<>(ProfilingTarget.class);
        if (!(targets instanceof Map<?, ?> targetMap) || targetMap.isEmpty()) {
            problems.add("targets: must be an object with at least one of ON_CPU, OFF_CPU, NETWORK");
        } else {
            targetMap.forEach((key, items) -> {
                ProfilingTarget target = enumValue(ProfilingTarget.class, key);
                if (target == null) {
                    problems.add(key + ": unknown target; expected ON_CPU, OFF_CPU or NETWORK");
                    return;
                }
                Map<CheckerType, CheckItem> checkers = checkers(target.name(), items, problems);
                if (checkers != null) {
                    parsed.put(target, checkers);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new PolicyProblems(problems);
        }
        return new Policy(serviceName, parsed);
    }

    private Map<CheckerType, CheckItem> checkers(String path, Object items, List<String> problems) {
        if (!(items instanceof Map<?, ?> itemMap) || itemMap.isEmpty()) {
            problems.add(path + ": must be an object with at least one checker (PROCESS_CPU, PROCESS_THREAD_COUNT,"
                    + " SYSTEM_LOAD, HTTP_ERROR_RATE, HTTP_AVG_RESPONSE_TIME)");
            return null;
        }
        Map<CheckerType, CheckItem> checkers = new EnumMap<>(CheckerType.class);
        itemMap.forEach((key, item) -> {
            CheckerType type = enumValue(CheckerType.class, key);
            if (type == null) {
                problems.add(path + "." + key + ": unknown checker; expected PROCESS_CPU, PROCESS_THREAD_COUNT,"
                        + " SYSTEM_LOAD, HTTP_ERROR_RATE or HTTP_AVG_RESPONSE_TIME");
                return;
            }
            CheckItem checkItem = item(path + "." + type.name(), type, item, problems);
            if (checkItem != null) {
                checkers.put(type, checkItem);
            }
        });
        return checkers;
    }

    private CheckItem item(String path, CheckerType type, Object value, List<String> problems) {
        if (!(value instanceof Map<?, ?> fields)) {
            problems.add(path + ": must be an object with threshold, period and count");
            return null;
        }
        int before = problems.size();
        for (Object field : fields.keySet()) {
            if (!ITEM_FIELDS.contains(String.valueOf(field))) {
                problems.add(path + "." + field + ": unknown field; expected threshold, period, count, uriList"
                        + " or uriRegex");
            }
        }
        String threshold = threshold(path + ".threshold", type, fields.get("threshold"), problems);
        Integer period = wholeNumber(path + ".period", fields.get("period"), 1, MAX_PERIOD_SECONDS, problems);
        Integer count = wholeNumber(path + ".count", fields.get("count"), 1,
                period == null ? MAX_PERIOD_SECONDS : period, problems);
        List<String> uriList = uriList(path + ".uriList", fields.get("uriList"), problems);
        String uriRegex = uriRegex(path + ".uriRegex", fields.get("uriRegex"), problems);
        if (!type.http() && (!uriList.isEmpty() || uriRegex != null)) {
            problems.add(path + ": URI filters apply to HTTP checkers only");
        }
        if (!uriList.isEmpty() && uriRegex != null) {
            problems.add(path + ": give uriList or uriRegex, not both");
        }
        return problems.size() > before ? null : new CheckItem(threshold, period, count, uriList, uriRegex);
    }

    private static String threshold(String path, CheckerType type, Object value, List<String> problems) {
        ThresholdFormat format = type.threshold();
        Optional<String> threshold = format.canonical(value);
        if (threshold.isEmpty()) {
            problems.add(path + ": " + format.expectation());
        }
        return threshold.orElse(null);
    }

    private static Integer wholeNumber(String path, Object value, int min, int max, List<String> problems) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= min && number.doubleValue() <= max) {
            return number.intValue();
        }
        problems.add(path + ": must be a whole number in " + min + ".." + max);
        return null;
    }

    private List<String> uriList(String path, Object value, List<String> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add(path + ": must be a non-empty list of URI paths");
            return List.of();
        }
        List<String> uris = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object uri : list) {
            if (!(uri instanceof String text) || text.isBlank() || text.length() > maxNameLength) {
                problems.add(path + ": every entry must be a non-blank string of at most " + maxNameLength
                        + " characters");
                return List.of();
            }
            if (!seen.add(text)) {
                problems.add(path + ": '" + text + "' is listed twice");
                return List.of();
            }
            uris.add(text);
        }
        return uris;
    }

    private String uriRegex(String path, Object value, List<String> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String regex) || regex.isBlank() || regex.length() > maxNameLength) {
            problems.add(path + ": must be a non-blank regex of at most " + maxNameLength + " characters");
            return null;
        }
        String problem = Re2Compatibility.problem(regex);
        if (problem != null) {
            problems.add(path + ": " + problem);
            return null;
        }
        return regex;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, Object key) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(key)) {
                return constant;
            }
        }
        return null;
    }
}
