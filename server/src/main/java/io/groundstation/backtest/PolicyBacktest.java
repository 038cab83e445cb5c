package io.groundstation.backtest;

import io.groundstation.meter.ContinuousMetric;
import io.groundstation.meter.ContinuousMetrics;
import io.groundstation.meter.ProcessSeries;
import io.groundstation.meter.Sample;
import io.groundstation.meter.Series;
import io.groundstation.meter.SeriesQuery;
import io.groundstation.meter.SeriesResult;
import io.groundstation.policy.CheckItem;
import io.groundstation.policy.CheckerType;
import io.groundstation.policy.Policy;
import io.groundstation.task.ProfilingTarget;
import io.groundstation.policy.UriFilterVariants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays stored metric series through a draft policy with the agent's rules, to answer "how often would this have
 * fired?" before an operator sets it. It is an estimate, and says why in {@link BacktestResult#method()}.
 */
public final class PolicyBacktest {

    /** The agent evaluates its windows on every 5-second check. */
    static final long CHECK_MILLIS = 5_000;
    /** Process and system meters carry the latest 1-second slot once per check: one value stands for five seconds. */
    static final int SECONDS_PER_STORED_VALUE = 5;
    /** The URI label the agent sends for an HTTP item without a URI filter. */
    static final String ALL_URIS = "global";
    private static final int MAX_POINTS_PER_PROCESS = 500_000;

    private final ContinuousMetrics metrics;
    private final Clock clock;

    public PolicyBacktest(ContinuousMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    public BacktestResult run(Policy draft, Replay replay) {
        Duration taskDuration = replay.taskDuration();
        Duration cooldown = replay.cooldown();
        long to = clock.millis();
        long from = to - replay.range().toMillis();
        Set<ContinuousMetric> wanted = EnumSet.noneOf(ContinuousMetric.class);
        draft.targets().values().forEach(items -> items.keySet().forEach(c -> wanted.add(metricOf(c))));
        SeriesResult stored = metrics.ofService(draft.serviceName(),
                new SeriesQuery(from, to + 1, wanted, MAX_POINTS_PER_PROCESS));
        List<Trigger> triggers = new ArrayList<>();
        long points = 0;
        for (ProcessSeries process : stored.processes()) {
            points += process.series().stream().mapToLong(s -> s.samples().size()).sum();
            triggers.addAll(replay(draft, process, from, to, taskDuration.toMillis(), cooldown.toMillis()));
        }
        triggers.sort(java.util.Comparator.comparingLong(Trigger::firedAt).thenComparing(Trigger::processId));
        return new BacktestResult(from, to, stored.processes().size(), points, stored.truncated(), triggers,
                method(taskDuration, cooldown));
    }

    private static List<Trigger> replay(Policy draft, ProcessSeries process, long from, long to, long taskMillis,
                                        long cooldownMillis) {
        List<Trigger> fired = new ArrayList<>();
        for (var target : draft.targets().entrySet()) {
            Map<CheckerType, List<Sample>> seconds = new HashMap<>();
            target.getValue().forEach((checker, item) -> seconds.put(checker, secondsOf(process, checker, item)));
            long blockedUntil = Long.MIN_VALUE;
            for (long check = from - Math.floorMod(from, CHECK_MILLIS) + CHECK_MILLIS; check <= to;
                 check += CHECK_MILLIS) {
                if (check < blockedUntil) {
                    continue;
                }
                List<CheckerType> holding = new ArrayList<>();
                for (var checker : target.getValue().entrySet()) {
                    if (holds(checker.getValue(), seconds.get(checker.getKey()), check)) {
                        holding.add(checker.getKey());
                    }
                }
                if (!holding.isEmpty()) {
                    fired.add(new Trigger(process.processId(), target.getKey(), check, holding));
                    // No new task while one runs, nor within the agent's cooldown from its start.
                    blockedUntil = check + Math.max(taskMillis, cooldownMillis);
                }
            }
        }
        return fired;
    }

    /** At least {@code count} one-second samples at or above the threshold in the {@code period} before the check. */
    private static boolean holds(CheckItem item, List<Sample> seconds, long check) {
        double threshold = new BigDecimal(item.threshold()).doubleValue();
        long windowStart = check - item.period() * 1000L;
        int reached = 0;
        for (Sample second : seconds) {
            if (second.timestamp() > windowStart && second.timestamp() <= check && second.value() >= threshold) {
                reached++;
            }
        }
        return reached >= item.count();
    }

    /**
     * The one-second samples the agent would have seen for an item: each stored process or system value is spread
     * over the five seconds up to it; HTTP values are one second each, taken from the series of the item's URIs.
     */
    private static List<Sample> secondsOf(ProcessSeries process, CheckerType checker, CheckItem item) {
        ContinuousMetric metric = metricOf(checker);
        List<Sample> seconds = new ArrayList<>();
        for (Series series : process.series()) {
            if (series.metric() != metric || (metric.perUri() && !sameUris(item, series.uri()))) {
                continue;
            }
            for (Sample sample : series.samples()) {
                if (metric.perUri()) {
                    seconds.add(sample);
                } else {
                    for (int s = 0; s < SECONDS_PER_STORED_VALUE; s++) {
                        seconds.add(new Sample(sample.timestamp() - s * 1000L, sample.value()));
                    }
                }
            }
        }
        return seconds;
    }

    /** Whether the agent would have labelled this item's values with {@code uri}, in any spelling it was sent. */
    private static boolean sameUris(CheckItem item, String uri) {
        if (!item.uriList().isEmpty()) {
            return item.uriList().contains(uri);
        }
        if (item.uriRegex() == null) {
            return ALL_URIS.equals(uri);
        }
        for (int variant = 0; variant <= 3; variant++) {
            if (UriFilterVariants.regex(item.uriRegex(), variant).equals(uri)) {
                return true;
            }
        }
        return false;
    }

    /** The series a checker is evaluated on: the agent names both alike. */
    public static ContinuousMetric metricOf(CheckerType checker) {
        return ContinuousMetric.valueOf(checker.name());
    }

    private static String method(Duration taskDuration, Duration cooldown) {
        return "An estimate. Agents sample every second but store one process or system value per 5-second check,"
                + " so each stored value is taken to hold for the 5 seconds before it; HTTP values count as one"
                + " second each. Windows are evaluated every 5 s as the agent does, over registered processes only."
                + " After a trigger, a process and target fire again only after the task (" + taskDuration.toSeconds()
                + " s) and the agent's cooldown (" + cooldown.toSeconds() + " s from the task's start). Seconds"
                + " with no stored value (gaps, values still buffered, URIs the agent did not report) count as below"
                + " the threshold.";
    }
}
