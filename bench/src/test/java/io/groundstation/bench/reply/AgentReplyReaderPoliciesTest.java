package io.groundstation.bench.reply;

import static io.groundstation.bench.reply.CommandsFixture.command;
import static io.groundstation.bench.reply.CommandsFixture.commands;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.groundstation.bench.reply.RoverCommands.PolicyQuery;
import java.util.List;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentReplyReaderPoliciesTest {

    private static final String VALID = """
            [{"ServiceName":"sqrt","UUID":"v1",
              "Profiling":{"ON_CPU":{"PROCESS_CPU":{"Threshold":"10","Period":10,"Count":3}},
                           "NETWORK":{"HTTP_ERROR_RATE":{"Threshold":"5.5","Period":30,"Count":5,"URIList":["/api/a"]},
                                      "HTTP_AVG_RESPONSE_TIME":{"Threshold":"300","Period":10,"Count":2,
                                                                "URIRegex":"/api/.*"}}}},
             {"ServiceName":"gone","UUID":""}]
            """;

    private final AgentReplyReader reader = new AgentReplyReader();

    @Test
    void zeroCommandsMeansNothingChanged() {
        PolicyPayload payload = reader.readQueryPolicies(Commands.getDefaultInstance());

        assertThat(payload.services()).isEmpty();
        assertThat(payload.misreads()).isEmpty();
    }

    @Test
    void readsAValidPayload() {
        PolicyPayload payload = read(VALID);

        assertThat(payload.misreads()).isEmpty();
        assertThat(payload.services()).extracting(ServicePolicy::serviceName, ServicePolicy::uuid)
                .containsExactly(tuple("sqrt", "v1"),
                        tuple("gone", ""));
        PolicyItem http = payload.services().get(0).profiling().get("NETWORK").get("HTTP_ERROR_RATE");
        assertThat(http).isEqualTo(new PolicyItem("5.5", 30, 5, List.of("/api/a"), ""));
        assertThat(payload.services().get(1).profiling()).isEmpty();
    }

    @Test
    void rejectsAnyOtherShapeOfReply() {
        String arg = PolicyQuery.POLICIES_JSON;
        assertOnly(reader.readQueryPolicies(commands(
                command(PolicyQuery.NAME, arg, "[]"), command(PolicyQuery.NAME, arg, "[]"))),
                MisreadKind.POLICY_REPLY_SHAPE);
        assertOnly(reader.readQueryPolicies(commands(command("PolicyQuery", arg, "[]"))),
                MisreadKind.POLICY_REPLY_SHAPE);
        assertOnly(reader.readQueryPolicies(commands(command(PolicyQuery.NAME, "SerialNumber", "x"))),
                MisreadKind.POLICY_REPLY_SHAPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{\"ServiceName\":\"sqrt\",\"UUID\":\"v1\"}",
        "[{\"ServiceName\":\"sqrt\",\"UUID\":\"v1\"}] trailing",
        "[\"sqrt\"]",
        "[{\"UUID\":\"v1\"}]",
        "[{\"ServiceName\":\"sqrt\",\"UUID\":7}]",
        "[{\"ServiceName\":\"sqrt\",\"UUID\":\"v\",\"Profiling\":[]}]",
        "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":10,\"Period\":10,\"Count\":3}}}}]",
        "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"10\",\"Period\":\"10\",\"Count\":3}}}}]",
        "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"10\",\"Period\":10.0,\"Count\":3}}}}]",
        "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3e0}}}}]",
        "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"10\",\"Period\":99999999999999999999,\"Count\":3}}}}]",
        "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"NETWORK\":{\"HTTP_ERROR_RATE\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3,\"URIList\":\"/a\"}}}}]",
        "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"NETWORK\":{\"HTTP_ERROR_RATE\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3,\"URIRegex\":[\"/a\"]}}}}]",
        "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"MEMORY\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3}}}}]",
    })
    void rejectsPayloadsRoverCannotDecode(String json) {
        assertOnly(read(json), MisreadKind.POLICY_JSON_REJECTED);
    }

    @Test
    void anUnknownTargetCrashesTheAgentUnlessDecodingFailsFirst() {
        String unknownTarget = "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"MEMORY\":{}}}]";
        assertOnly(read(unknownTarget), MisreadKind.POLICY_UNKNOWN_TARGET);
        assertThat(MisreadKind.POLICY_UNKNOWN_TARGET.crashesAgent()).isTrue();

        String alsoMistyped = "[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"MEMORY\":{}}},"
                + "{\"ServiceName\":\"t\",\"UUID\":1}]";
        assertOnly(read(alsoMistyped), MisreadKind.POLICY_JSON_REJECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"PROCESS_CPU\":{\"Threshold\":\"\",\"Period\":10,\"Count\":3}}",
        "{\"PROCESS_CPU\":{\"Threshold\":\"10.5\",\"Period\":10,\"Count\":3}}",
        "{\"SYSTEM_LOAD\":{\"Threshold\":\"high\",\"Period\":10,\"Count\":3}}",
        "{\"PROCESS_CPU\":{\"Threshold\":\"10\",\"Period\":0,\"Count\":3}}",
        "{\"PROCESS_CPU\":{\"Threshold\":\"10\",\"Period\":10,\"Count\":0}}",
        "{\"PROCESS_CPU\":{\"Threshold\":\"10\",\"Period\":10,\"Count\":11}}",
        "{\"PROCESS_CPU\":{\"Threshold\":null,\"Period\":10,\"Count\":3}}",
    })
    void countsItemsTheAgentDropsButKeepsTheRest(String checkers) {
        PolicyPayload payload = read("[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":" + checkers
                + ",\"OFF_CPU\":{\"PROCESS_THREAD_COUNT\":{\"Threshold\":\"500\",\"Period\":10,\"Count\":3}}}}]");

        assertThat(payload.misreads()).extracting(Misread::kind).containsExactly(MisreadKind.POLICY_ITEM_DROPPED);
        assertThat(payload.services()).hasSize(1);
        assertThat(payload.services().get(0).profiling().get("ON_CPU")).isEmpty();
        assertThat(payload.services().get(0).profiling().get("OFF_CPU")).containsKey("PROCESS_THREAD_COUNT");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"ServiceName\":\"s\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3}}}}",
        "{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3,\"threshold\":\"20\"}}}}",
        "{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3,\"URIRegex\":\"/a\"}}}}",
        "{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"NETWORK\":{\"HTTP_ERROR_RATE\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3,\"URIRegex\":null}}}}",
        "{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"NETWORK\":{\"HTTP_ERROR_RATE\":"
                + "{\"Threshold\":\"10\",\"Period\":10,\"Count\":3,\"URIList\":[\"/a\",null]}}}}",
        "{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"10\",\"Period\":4294967296,\"Count\":3}}}}",
        "{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":"
                + "{\"Threshold\":\"4294967296\",\"Period\":10,\"Count\":3}}}}",
        "{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"ON_CPU\":{\"PROCESS_CPU\":null}}}",
    })
    void namesWhatTheAgentDecodesOtherThanWritten(String service) {
        PolicyPayload payload = read("[" + service + "]");

        assertThat(payload.misreads()).extracting(Misread::kind).containsExactly(MisreadKind.POLICY_NOT_AS_WRITTEN);
        assertThat(payload.services()).hasSize(1);
    }

    @Test
    void aDecimalThresholdOutOfRangeIsDropped() {
        PolicyPayload payload = read("[{\"ServiceName\":\"s\",\"UUID\":\"v\",\"Profiling\":{\"OFF_CPU\":"
                + "{\"SYSTEM_LOAD\":{\"Threshold\":\"1e999\",\"Period\":10,\"Count\":3}}}}]");

        assertThat(payload.misreads()).extracting(Misread::kind).containsExactly(MisreadKind.POLICY_ITEM_DROPPED);
    }

    private PolicyPayload read(String json) {
        return reader.readQueryPolicies(commands(command(PolicyQuery.NAME,
                "SerialNumber", "6a4f", PolicyQuery.POLICIES_JSON, json)));
    }

    private static void assertOnly(PolicyPayload payload, MisreadKind kind) {
        assertThat(payload.services()).isEmpty();
        assertThat(payload.misreads()).extracting(Misread::kind).containsExactly(kind);
    }
}
