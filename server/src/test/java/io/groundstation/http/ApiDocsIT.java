package io.groundstation.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.config.Settings;
import io.groundstation.testing.harness.ClassServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/openapi.json lists the routes that answer; /api/docs shows it with Swagger UI from its WebJar. */
class ApiDocsIT {

    @RegisterExtension
    static final ClassServer server = new ClassServer(Map.of(Settings.ADMIN_TOKEN, "admin"));
    static JsonNode document;

    @BeforeAll
    static void start() {
        document = server.get().getJson("/api/openapi.json");
    }

    @Test
    void everyEndpointTheReadmeDocumentsIsInTheDocument() throws IOException {
        Set<String> operations = new HashSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        Matcher endpoint = Pattern.compile("(?m)^\\| `(GET|POST|PUT|DELETE) (/api/[^`?]+)")
                .matcher(Files.readString(Path.of("..", "README.md")));
        Set<String> documented = new HashSet<>();
        while (endpoint.find()) {
            documented.add(endpoint.group(1) + " " + endpoint.group(2));
        }
        // the document does not describe itself or its page
        assertThat(documented.removeAll(Set.of("GET /api/openapi.json", "GET /api/docs"))).isTrue();
        assertThat(documented).hasSizeGreaterThan(10);
        assertThat(operations).containsAll(documented).doesNotContain("GET /api/openapi.json", "GET /api/docs");
        assertThat(document.get("openapi").asText()).isEqualTo("3.0.3");
    }

    @Test
    void pathParametersChangesAndTheAdminToken() {
        JsonNode process = document.get("paths").get("/api/processes/{id}").get("get");
        assertThat(process.get("parameters").get(0).get("name").asText()).isEqualTo("id");
        assertThat(process.get("parameters").get(0).get("in").asText()).isEqualTo("path");
        assertThat(process.has("security")).isFalse();
        JsonNode put = document.get("paths").get("/api/policies/{service}").get("put");
        assertThat(put.get("requestBody").get("content").has("application/json")).isTrue();
        assertThat(put.get("security").get(0).has("adminToken")).isTrue();
        assertThat(document.get("paths").get("/api/tasks/{id}/network/samples/{traceId}").get("get")
                .get("security").get(0).has("adminToken")).as("captured content needs the token").isTrue();
        assertThat(document.get("components").get("securitySchemes").get("adminToken").get("scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.get("paths").get("/api/processes/{id}/metrics").get("get").get("operationId")
                .asText()).isEqualTo("getProcessesByIdMetrics");
    }

    @Test
    void everyParameterlessGetInTheDocumentAnswers() {
        document.get("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().contains("{") && path.getValue().has("get")) {
                HttpResponse<String> answer = server.get().get(path.getKey());
                if (path.getKey().equals("/api/profiles/diff")) {
                    // the one listing that needs query parameters: refused with the one it misses named
                    assertThat(answer.statusCode()).as(path.getKey()).isEqualTo(400);
                    assertThat(answer.body()).contains("base must name a task id");
                } else {
                    assertThat(answer.statusCode()).as(path.getKey()).isEqualTo(200);
                }
            }
        });
    }

    @Test
    void swaggerUiLoadsFromItsWebJar() {
        HttpResponse<String> page = server.get().get("/api/docs");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/html"));
        Matcher asset = Pattern.compile("\"(/webjars/[^\"]+)\"").matcher(page.body());
        int assets = 0;
        while (asset.find()) {
            assertThat(server.get().get(asset.group(1)).statusCode()).as(asset.group(1)).isEqualTo(200);
            assets++;
        }
        assertThat(assets).isEqualTo(2);
        assertThat(page.body()).contains("url: \"/api/openapi.json\"");
    }
}
