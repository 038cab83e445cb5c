package io.groundstation.bench.sim;

import io.groundstation.bench.cli.CommandLineArgs;
import io.groundstation.bench.cli.LoopbackAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything a simulator run is told. "Agent seconds" are Rover's own intervals before {@code timeScale} applies;
 * "run seconds" are wall-clock seconds of this run.
 *
 * @param token          the {@code authentication} metadata value, or {@code null}
 * @param serverPid      0 when the server's usage is not to be measured
 * @param serverMetrics  the server's /metrics, whose latency histogram is read too; {@code null} for none
 * @param jsonOut        {@code null} when no JSON report is wanted
 * @param restartStormAt run second at which every agent restarts at once; negative for none
 * @param restartEvery   mean agent seconds between restarts of one agent; 0 for never
 */
public record SimulatorOptions(InetSocketAddress target, int agents, int processesPerAgent, double duration,
                               double timeScale, int channels, String token, double triggerChance,
                               double profilingShare, double taskDuration, int stacksPerUpload, double churn,
                               double restartEvery, double restartStormAt, double warmup, double drain, long seed,
                               long serverPid, URI serverMetrics, Path jsonOut) {

    public static final String HELP = """
            Usage: java -jar groundstation-bench.jar [options]

            Behaves like AGENTS SkyWalking Rover agents with PROCESSES Kubernetes process entities each, against a
            skywalking.v3 gRPC server on loopback, reads every reply as Rover does, and reports throughput, latency
            and every reply a real agent would misread or crash on.

            Target and size
              --target HOST:PORT        server address, loopback only (default 127.0.0.1:11800)
              --agents N                simulated agents, one per node (default 100)
              --processes N             process entities per agent (default 30)
              --channels N              shared gRPC channels for the whole fleet (default 4); 0 gives each agent a
                                        connection of its own, as Rover keeps one: needed for Groundstation to
                                        tell agents apart (targeted policy re-sends, rollout)
              --token TOKEN             send gRPC metadata 'authentication: TOKEN' on every call (default: none)
            Time
              --duration SECONDS        run seconds, at most 3600 (default 30)
              --time-scale F            multiply every agent interval by F: 0.1 makes a 20 s heartbeat 2 s
                                        (default 1)
              --warmup SECONDS          first run seconds left out of throughput, latency and fleet counts
                                        (misreads always count); part of --duration (default 0)
              --drain SECONDS           run seconds to wait for replies still due at the end (default 5)
            Profiling
              --trigger-chance P        chance per agent per 5 s check that a policy item fires (default 0.001)
              --profiling-share F       share of agents that trigger at their first check after registering,
                                        so uploads start early (default 0.05)
              --task-duration SECONDS   agent seconds a granted task runs and uploads every 5 s (default 600)
              --stacks-per-upload N     most messages (distinct stacks) per task per upload (default 20)
            Fleet life
              --churn P                 chance per pod per heartbeat that it is replaced by a new pod (default 0.01)
              --restart-every SECONDS   mean agent seconds between restarts of one agent, 0 = never (default 0)
              --restart-storm-at S      run second at which every agent restarts at once (default: none)
              --seed N                  seed of the fleet's layout and behaviour (default 1)
            Report
              --server-pid PID          also report that process's CPU time and peak RSS (VmHWM) from /proc
              --server-metrics URL      also report Groundstation's own latency per method over the measured
                                        seconds, from its /metrics (loopback), e.g. http://127.0.0.1:12800/metrics
              --json-out FILE           also write the report as JSON
              --help                    print this and exit

            Exit status: 0, or 3 when any reply would have been misread, 2 on bad options.
            """;

    private static final Set<String> FLAGS = Set.of("help");

    /** @return {@code null} when {@code --help} was asked for */
    public static SimulatorOptions parse(String[] args) {
        CommandLineArgs cli = CommandLineArgs.parse(args, FLAGS);
        if (cli.flag("help")) {
            return null;
        }
        String jsonOut = cli.string("json-out", null);
        String serverMetrics = cli.string("server-metrics", null);
        SimulatorOptions options = new SimulatorOptions(
                LoopbackAddress.parse(cli.string("target", "127.0.0.1:11800")),
                (int) cli.integer("agents", 100, 1, 100_000),
                (int) cli.integer("processes", 30, 1, 1_000),
                cli.decimal("duration", 30, 0.5, 3600),
                cli.decimal("time-scale", 1, 0.001, 10),
                (int) cli.integer("channels", 4, 0, 64),
                cli.string("token", null),
                cli.decimal("trigger-chance", 0.001, 0, 1),
                cli.decimal("profiling-share", 0.05, 0, 1),
                cli.decimal("task-duration", 600, 1, 86_400),
                (int) cli.integer("stacks-per-upload", 20, 1, 500),
                cli.decimal("churn", 0.01, 0, 1),
                cli.decimal("restart-every", 0, 0, 1e7),
                cli.decimal("restart-storm-at", -1, -1, 3600),
                cli.decimal("warmup", 0, 0, 3600),
                cli.decimal("drain", 5, 0, 60),
                cli.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
                cli.integer("server-pid", 0, 0, Integer.MAX_VALUE),
                serverMetrics == null ? null : loopbackUrl(serverMetrics),
                jsonOut == null ? null : Path.of(jsonOut));
        cli.rejectUnknown();
        if (options.warmup() >= options.duration()) {
            throw new IllegalArgumentException("--warmup must be shorter than --duration");
        }
        return options;
    }

    /** An http URL on this machine: the simulator only ever talks to loopback. */
    private static URI loopbackUrl(String url) {
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--server-metrics must be an http URL: " + url);
        }
        LoopbackAddress.parse(uri.getHost() + ":" + (uri.getPort() < 0 ? 80 : uri.getPort()));
        return uri;
    }

    /** The settings as a report shows them; the token's value stays out of reports. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("target", target.getAddress().getHostAddress() + ":" + target.getPort());
        out.put("agents", Integer.toString(agents));
        out.put("processes", Integer.toString(processesPerAgent));
        out.put("channels", channels == 0 ? "one per agent" : Integer.toString(channels));
        out.put("token", token == null ? "none" : "set");
        out.put("duration", Double.toString(duration));
        out.put("warmup", Double.toString(warmup));
        out.put("time-scale", Double.toString(timeScale));
        out.put("trigger-chance", Double.toString(triggerChance));
        out.put("profiling-share", Double.toString(profilingShare));
        out.put("task-duration", Double.toString(taskDuration));
        out.put("stacks-per-upload", Integer.toString(stacksPerUpload));
        out.put("churn", Double.toString(churn));
        out.put("restart-every", Double.toString(restartEvery));
        out.put("restart-storm-at", Double.toString(restartStormAt));
        out.put("seed", Long.toString(seed));
        return out;
    }
}
