package io.groundstation.docs;

import io.groundstation.config.Settings;
import io.groundstation.testing.harness.TestServer;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessDownstream;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessReportList;
import org.apache.skywalking.apm.network.ebpf.profiling.process.v3.EBPFProcessServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.groundstation.testing.fixtures.Protos.entity;
import static io.groundstation.testing.fixtures.Protos.k8s;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's curl examples, run as a new user runs them: each indented example block that calls curl is
 * executed by bash, in README order, against one server with {@code admin.token} set and {@code ADMIN_TOKEN} in the
 * environment. The only edits: {@code localhost:12800} becomes the test server's address, {@code <id>} the next
 * registered process id and {@code <task-id>} a task's id. Curl fails on any HTTP error status, so a broken example
 * (a token that never reaches the server, a missing header, a refused body) fails the test and names the command.
 */
class ReadmeExamplesIT {

    private static final String ADMIN = "readme-admin-token";
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z-]*>");
    /** Fails on HTTP errors (printing the body), and puts each answer on a line of its own. */
    private static final String PREAMBLE = """
            set -euo pipefail
            set -x
            curl() { command curl --fail-with-body --show-error --max-time 30 "$@" || exit $?; echo; }
            """;

    @TempDir
    Path data;
    @TempDir
    Path work;

    @Test
    void everyCurlExampleWorksAsWritten() throws Exception {
        List<String> blocks = curlBlocks(Files.readString(Path.of("..", "README.md")));
        assertThat(blocks.stream().mapToLong(b -> Pattern.compile("(?m)^\\s*curl ").matcher(b).results().count())
                .sum()).as("curl examples found in the README").isGreaterThanOrEqualTo(12);

        try (TestServer server = TestServer.start(data, Map.of(Settings.ADMIN_TOKEN, ADMIN))) {
            Deque<String> processIds = new ArrayDeque<>(registerShop(server));
            String taskId = TestServer.readJson(server.send("POST", "/api/tasks", """
                    {"service": "shop", "target": "ON_CPU", "processIds": ["%s"], "durationSeconds": 60}"""
                    .formatted(processIds.peek()), ADMIN).body()).get("tasks").get(0).get("id").asText();
            String host = "127.0.0.1:" + server.server().httpPort();
            StringBuilder answers = new StringBuilder();
            for (String block : blocks) {
                String script = fill(block.replace("localhost:12800", host), processIds, taskId);
                answers.append(run(script));
            }
            assertThat(answers).as("the policy example's answer, as the README shows it")
                    .contains("{\"service\":\"shop\",\"version\":\"")
                    .contains("\"targets\":{\"ON_CPU\":{\"PROCESS_CPU\":{\"threshold\":80,");
            assertThat(work.resolve("shop.pb.gz")).as("the pprof example's output file").exists();
        }
    }

    /** Indented (4-space) blocks outside fences that call curl, each as one script; blank lines stay inside. */
    static List<String> curlBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        boolean fenced = false;
        for (String line : (markdown + "\nend").split("\n")) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            boolean code = !fenced && line.startsWith("    ");
            if (code || line.isBlank() && !block.isEmpty()) {
                block.append(code ? line.substring(4) : "").append('\n');
                continue;
            }
            if (Pattern.compile("(?m)^\\s*curl ").matcher(block).find()) {
                blocks.add(block.toString());
            }
            block.setLength(0);
        }
        return blocks;
    }

    private static String fill(String script, Deque<String> processIds, String taskId) {
        StringBuilder filled = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(script);
        while (placeholder.find()) {
            String value = switch (placeholder.group()) {
                case "<id>" -> {
                    String id = processIds.removeFirst();
                    processIds.addLast(id);
                    yield id;
                }
                case "<task-id>" -> taskId;
                default -> throw new AssertionError("the README example has a placeholder this test cannot fill: "
                        + placeholder.group() + "\n" + script);
            };
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        return placeholder.appendTail(filled).toString();
    }

    private String run(String script) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", PREAMBLE + script).directory(work.toFile());
        bash.environment().put("ADMIN_TOKEN", ADMIN);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = bash.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // A guard against a hung command, not a timing assertion.
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String answers = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(ended && process.exitValue() == 0).as("README example failed (exit %s):\n%s\n--- stderr (the"
                        + " failing command is the last '+' line) ---\n%s\n--- stdout ---\n%s",
                ended ? process.exitValue() : "timeout", script, Files.readString(err), answers).isTrue();
        return answers;
    }

    /** Two processes of service shop in instance shop-0, labelled app=shop, that support eBPF profiling. */
    private static List<String> registerShop(TestServer server) {
        return EBPFProcessServiceGrpc.newBlockingStub(server.channel()).reportProcesses(EBPFProcessReportList
                        .newBuilder().setEbpfAgentID("readme-node")
                        .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "java", "app=shop"), 10, "java"))
                        .addProcesses(k8s(entity("K8S_SERVICE", "shop", "shop-0", "envoy", "app=shop"), 11, "envoy"))
                        .build())
                .getProcessesList().stream().map(EBPFProcessDownstream::getProcessId).toList();
    }
}
