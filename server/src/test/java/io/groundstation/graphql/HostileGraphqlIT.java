package io.groundstation.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.testing.harness.PerTestServer;
import io.groundstation.testing.harness.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents meant to hurt: each answered with an error that says why, and the server answers the next one. */
class HostileGraphqlIT {

    @RegisterExtension
    final PerTestServer server = new PerTestServer();
    private GraphqlClient graphql;

    @BeforeEach
    void start() {
        graphql = new GraphqlClient(server.get());
    }

    @AfterEach
    void theServerStillAnswers() {
        assertThat(graphql.result(SwctlDocuments.VERSION, Map.of()).asText()).startsWith("10.1");
    }

    private static String firstError(JsonNode reply) {
        assertThat(reply.has("errors")).as(reply.toString()).isTrue();
        return reply.get("errors").get(0).get("message").asText();
    }

    @Test
    void deepNestingIsRefusedByDepth() {
        String deep = "query { __schema { types { " + "fields { type { ".repeat(1) + "ofType { ".repeat(30)
                + "name" + " }".repeat(30) + " } } } } }";
        assertThat(firstError(graphql.send(deep, Map.of()))).containsIgnoringCase("depth");
    }

    @Test
    void tenThousandAliasesAreRefused() {
        StringBuilder document = new StringBuilder("query {");
        for (int i = 0; i < 10_000; i++) {
            document.append(" a").append(i).append(": version");
        }
        String message = firstError(graphql.send(document.append(" }").toString(), Map.of()));
        assertThat(message).containsAnyOf("token", "complexity");
    }

    @Test
    void aHugeListIsRefusedWithItsLimit() {
        List<String> ids = Collections.nCopies(20_000, "0123456789abcdef");
        String message = firstError(graphql.send(SwctlDocuments.ANALYSE, Map.of("scheduleIdList", ids,
                "timeRanges", List.of())));
        assertThat(message).contains("at most 1000 schedules");
        HttpResponse<String> tooBig = graphql.raw(GraphqlClient.body(SwctlDocuments.ANALYSE, Map.of(
                "scheduleIdList", Collections.nCopies(200_000, "0123456789abcdef"), "timeRanges", List.of())), null);
        assertThat(tooBig.statusCode()).isEqualTo(413);
    }

    @Test
    void invalidVariablesAndBodiesAreErrors() {
        assertThat(firstError(graphql.send(SwctlDocuments.ANALYSE, Map.of("scheduleIdList", "not-a-list",
                "timeRanges", List.of(Map.of("start", "soon", "end", 5)))))).contains("timeRanges");
        assertThat(firstError(graphql.send(SwctlDocuments.LIST_SERVICES, Map.of()))).contains("layer");
        assertThat(firstError(graphql.send(SwctlDocuments.ANALYSE, Map.of("scheduleIdList", List.of("x"),
                "timeRanges", List.of(Map.of("start", 10, "end", 5)))))).contains("not after start");
        assertThat(firstError(graphql.send("query { version", Map.of()))).containsIgnoringCase("invalid syntax");
        assertThat(firstError(graphql.send("query { __typename } query { __typename }", Map.of())))
                .isNotEmpty();

        HttpResponse<String> notJson = graphql.raw("{\"query\": ", null);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(TestServer.readJson(notJson.body()).get("errors").get(0).get("message").asText())
                .contains("JSON");
        HttpResponse<String> noQuery = graphql.raw("{\"variables\": {}}", null);
        assertThat(noQuery.statusCode()).isEqualTo(400);
        HttpResponse<String> badVariables = graphql.raw("{\"query\": \"{ version }\", \"variables\": [1]}", null);
        assertThat(badVariables.statusCode()).isEqualTo(400);
        assertThat(graphql.raw(GraphqlClient.body(SwctlDocuments.VERSION, Map.of()), null, "text/plain")
                .statusCode()).as("a page on another site cannot post one").isEqualTo(415);
        HttpResponse<String> longDocument = graphql.raw(GraphqlClient.body("#" + "x".repeat(300_000)
                + "\n{ version }", Map.of()), null);
        assertThat(longDocument.statusCode()).isEqualTo(400);
    }
}
