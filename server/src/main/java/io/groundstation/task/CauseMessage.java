package io.groundstation.task;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** A one-line, locale-independent description of why a task was triggered. */
final class CauseMessage {

    private CauseMessage() {
    }

    static String of(List<Cause> causes) {
        if (causes.isEmpty()) {
            return "no cause reported";
        }
        return causes.stream().map(CauseMessage::describe).collect(Collectors.joining("; "));
    }

    private static String describe(Cause cause) {
        StringBuilder text = new StringBuilder(cause.checker());
        if (cause.uriRegex() != null) {
            text.append(" on URIs matching ").append(cause.uriRegex());
        } else if (cause.uriPath() != null) {
            text.append(cause.uriPath().isEmpty() ? " on all URIs" : " on " + cause.uriPath());
        }
        return text.append(' ').append(number(cause.current())).append(" >= threshold ")
                .append(number(cause.threshold())).toString();
    }

    /** Plain decimal digits, never exponent or locale separators: 93.5, 80, 0.25. */
    private static String number(Double value) {
        return value == null ? "?" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
