package io.groundstation.graphql;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * OAP's {@code Duration} input: {@code start} and {@code end} written in the format of their {@code step}, in the
 * server's time zone, both inclusive at that step. {@code coldStage} (a later addition) is accepted and ignored:
 * there is no cold storage here.
 */
record DurationInput(long fromMillis, long toMillis) {

    private enum Step {
        DAY("yyyy-MM-dd", ChronoUnit.DAYS),
        HOUR("yyyy-MM-dd HH", ChronoUnit.HOURS),
        MINUTE("yyyy-MM-dd HHmm", ChronoUnit.MINUTES),
        SECOND("yyyy-MM-dd HHmmss", ChronoUnit.SECONDS);

        final String pattern;
        final DateTimeFormatter format;
        final ChronoUnit unit;

        Step(String pattern, ChronoUnit unit) {
            this.pattern = pattern;
            this.format = DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"));
            this.unit = unit;
        }

        LocalDateTime parse(String text) {
            return this == DAY ? LocalDate.parse(text, format).atStartOfDay() : LocalDateTime.parse(text, format);
        }
    }

    /** The time span [from, to) a Duration argument names, or null when the argument is absent. */
    static DurationInput of(Map<String, Object> duration, ZoneId zone) {
        if (duration == null) {
            return null;
        }
        Step step = Step.valueOf(String.valueOf(duration.get("step")));
        long from = parse("start", duration.get("start"), step, zone, false);
        long to = parse("end", duration.get("end"), step, zone, true);
        if (to <= from) {
            throw new QueryProblem("duration: end is before start");
        }
        return new DurationInput(from, to);
    }

    private static long parse(String field, Object value, Step step, ZoneId zone, boolean end) {
        String text = String.valueOf(value).trim();
        try {
            LocalDateTime time = step.parse(text);
            return (end ? time.plus(1, step.unit) : time).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new QueryProblem("duration." + field + ": '" + (text.length() > 40 ? text.substring(0, 40) : text)
                    + "' is not a time written " + step.pattern + " (step " + step + ")");
        }
    }
}
