package io.groundstation.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.groundstation.config.Setting;
import io.groundstation.config.Settings;
import io.groundstation.config.SettingsLoader;
import io.groundstation.testing.harness.ClassServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kubernetes manifests in deploy/ against the server they run: ports, probe paths (asked of a running server)
 * and every GROUNDSTATION_* variable (a real setting, with a value the server accepts), so they cannot drift.
 */
class DeployManifestsIT {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @RegisterExtension
    static final ClassServer server = new ClassServer();

    /** Every manifest file, each a list of its documents. */
    static Map<Path, List<JsonNode>> manifests;

    @BeforeAll
    static void read() throws IOException {
        manifests = new HashMap<>();
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    manifests.put(file, documents.readAll());
                }
            }
        }
        assertThat(manifests).as("manifests in %s", DEPLOY.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(2);
    }

    @AfterAll
    static void stop() {
        if (server.get() != null) {
            server.get().close();
        }
    }

    @Test
    void containersListenOnTheServersPortsAndTheServiceForwardsToThem() {
        manifests.forEach((file, documents) -> {
            JsonNode container = container(file, documents);
            Map<String, Integer> ports = new HashMap<>();
            container.get("ports").forEach(p -> ports.put(p.get("name").asText(), p.get("containerPort").asInt()));
            Map<String, String> env = env(file, documents);
            assertThat(ports).as(file.toString()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "grpc", settings(env).get(Settings.GRPC_PORT), "http", settings(env).get(Settings.HTTP_PORT)));

            JsonNode service = only(file, documents, "Service");
            assertThat(service.get("spec").get("selector"))
                    .isEqualTo(workload(file, documents).get("spec").get("template").get("metadata").get("labels"));
            Map<String, Integer> servicePorts = new HashMap<>();
            service.get("spec").get("ports").forEach(p -> {
                assertThat(ports).as("%s: Service port %s targets a container port", file, p)
                        .containsKey(p.get("targetPort").asText());
                servicePorts.put(p.get("targetPort").asText(), p.get("port").asInt());
            });
            assertThat(servicePorts).as("%s: agents dial the default port", file)
                    .containsEntry("grpc", Settings.GRPC_PORT.parser().apply(Settings.GRPC_PORT.defaultText()));
        });
    }

    @Test
    void probesAskTheServerWhatItAnswers() {
        manifests.forEach((file, documents) -> {
            JsonNode container = container(file, documents);
            for (String probe : List.of("livenessProbe", "readinessProbe")) {
                JsonNode get = container.get(probe).get("httpGet");
                assertThat(get).as("%s %s", file, probe).isNotNull();
                assertThat(get.get("port").asText()).isEqualTo("http");
                assertThat(server.get().get(get.get("path").asText()).statusCode()).as("%s %s %s", file, probe, get)
                        .isEqualTo(200);
            }
            assertThat(container.get("livenessProbe").get("httpGet").get("path").asText()).isEqualTo("/healthz");
            assertThat(container.get("readinessProbe").get("httpGet").get("path").asText()).isEqualTo("/readyz");
        });
    }

    @Test
    void everyVariableIsASettingWithAValueTheServerAccepts() {
        List<String> known = Settings.ALL.stream().map(Setting::environmentVariable).toList();
        manifests.forEach((file, documents) -> {
            Map<String, String> env = env(file, documents);
            assertThat(env.keySet()).as(file.toString()).isNotEmpty().allMatch(known::contains);
            settings(env);
        });
    }

    @Test
    void runsAsTheImagesUser() {
        manifests.forEach((file, documents) -> {
            JsonNode pod = workload(file, documents).get("spec").get("template").get("spec");
            assertThat(pod.get("securityContext").get("runAsUser").asInt()).as(file.toString()).isEqualTo(65532);
            assertThat(pod.get("securityContext").get("runAsNonRoot").asBoolean()).isTrue();
        });
    }

    @Test
    void theEmbeddedStoreIsOnOnePersistentVolume() {
        Path file = DEPLOY.resolve("single-node/groundstation.yaml");
        JsonNode statefulSet = only(file, manifests.get(file), "StatefulSet");
        assertThat(statefulSet.get("spec").get("replicas").asInt()).isEqualTo(1);
        String claim = statefulSet.get("spec").get("volumeClaimTemplates").get(0).get("metadata").get("name")
                .asText();
        List<String> mounts = new ArrayList<>();
        container(file, manifests.get(file)).get("volumeMounts").forEach(m -> {
            if (m.get("name").asText().equals(claim)) {
                mounts.add(m.get("mountPath").asText());
            }
        });
        assertThat(mounts).containsExactly(env(file, manifests.get(file)).get(Settings.DATA_DIR.environmentVariable()));
        assertThat(env(file, manifests.get(file))).doesNotContainKey(Settings.JDBC_URL.environmentVariable());
    }

    @Test
    void severalReplicasShareAPostgresqlDatabaseWhosePasswordIsASecret() {
        Path file = DEPLOY.resolve("postgresql/groundstation.yaml");
        JsonNode deployment = only(file, manifests.get(file), "Deployment");
        assertThat(deployment.get("spec").get("replicas").asInt()).isGreaterThan(1);
        assertThat(env(file, manifests.get(file)).get(Settings.JDBC_URL.environmentVariable()))
                .startsWith("jdbc:postgresql://");
        JsonNode password = variables(container(file, manifests.get(file))).get(
                Settings.JDBC_PASSWORD.environmentVariable());
        assertThat(password.has("valueFrom")).as("password from a Secret, not inline").isTrue();
    }

    private static Settings settings(Map<String, String> env) {
        return SettingsLoader.load(new String[0], env);
    }

    private static JsonNode workload(Path file, List<JsonNode> documents) {
        List<JsonNode> workloads = documents.stream().filter(d -> List.of("Deployment", "StatefulSet")
                .contains(d.get("kind").asText())).toList();
        assertThat(workloads).as(file.toString()).hasSize(1);
        return workloads.get(0);
    }

    private static JsonNode container(Path file, List<JsonNode> documents) {
        JsonNode containers = workload(file, documents).get("spec").get("template").get("spec").get("containers");
        assertThat(containers).as(file.toString()).hasSize(1);
        return containers.get(0);
    }

    private static JsonNode only(Path file, List<JsonNode> documents, String kind) {
        List<JsonNode> found = documents.stream().filter(d -> d.get("kind").asText().equals(kind)).toList();
        assertThat(found).as("%s: %s", file, kind).hasSize(1);
        return found.get(0);
    }

    private static Map<String, JsonNode> variables(JsonNode container) {
        Map<String, JsonNode> variables = new HashMap<>();
        container.get("env").forEach(v -> variables.put(v.get("name").asText(), v));
        return variables;
    }

    /** The container's environment, with values from Secrets of the same file resolved. */
    private static Map<String, String> env(Path file, List<JsonNode> documents) {
        Map<String, String> env = new HashMap<>();
        variables(container(file, documents)).forEach((name, variable) -> {
            if (variable.has("value")) {
                env.put(name, variable.get("value").asText());
            } else {
                JsonNode ref = variable.get("valueFrom").get("secretKeyRef");
                JsonNode secret = documents.stream().filter(d -> d.get("kind").asText().equals("Secret")
                        && d.get("metadata").get("name").asText().equals(ref.get("name").asText()))
                        .findFirst().orElseThrow(() -> new AssertionError(file + ": no Secret " + ref));
                JsonNode value = secret.get("stringData").get(ref.get("key").asText());
                assertThat(value).as("%s: key %s in Secret", file, ref).isNotNull();
                env.put(name, value.asText());
            }
        });
        return env;
    }
}
