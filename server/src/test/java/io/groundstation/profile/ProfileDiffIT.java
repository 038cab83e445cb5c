package io.groundstation.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.groundstation.registry.Ids;
import io.groundstation.testing.fixtures.ShopProfiles;
import io.groundstation.testing.harness.ClassServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/profiles/diff over two uploaded profiles, narrowed per side, and what it refuses. */
class ProfileDiffIT {

    @RegisterExtension
    static final ClassServer server = new ClassServer();
    static String before;
    static String after;

    @BeforeAll
    static void twoProfiles() throws Exception {
        ShopProfiles profiles = ShopProfiles.register(server.get(), null);
        before = profiles.before();
        after = profiles.after();
    }

    @Test
    void twoTasksAreMergedFrameByFrameWithEachSidesSamples() {
        JsonNode diff = server.get().getJson("/api/profiles/diff?base=" + before + "&compare=" + after);
        assertThat(diff.get("base").asLong()).isEqualTo(12);
        assertThat(diff.get("compare").asLong()).isEqualTo(20);
        JsonNode work = diff.get("children").get(0).get("children").get(0);
        assertThat(work.get("name").asText()).isEqualTo("work");
        assertThat(work.get("children")).extracting(n -> n.get("name").asText() + ":" + n.get("base") + "->"
                + n.get("compare")).containsExactly("regex:0->15", "parse:6->2");
        assertThat(work.get("kernel").asBoolean()).isFalse();
        JsonNode read = diff.get("children").get(0).get("children").get(2);
        assertThat(read.get("name").asText() + ":" + read.get("base") + "->" + read.get("compare")).isEqualTo("read:2->0");
        assertThat(read.get("children").get(0).get("kernel").asBoolean()).as("sys_read").isTrue();
    }

    @Test
    void eachSideCanBeNarrowedToAProcessOrARange() {
        String other = Ids.processId("shop", "shop-1", "java");
        JsonNode diff = server.get().getJson("/api/profiles/diff?base=" + before + "&compare=" + after
                + "&compareProcess=" + other + "&baseFrom=0&baseTo=1");
        assertThat(diff.get("base").asLong()).as("nothing before 1 ms").isZero();
        assertThat(diff.get("compare").asLong()).isEqualTo(20);
    }

    @Test
    void missingOrUnknownTasksAreRefusedClearly() {
        assertThat(server.get().get("/api/profiles/diff?base=" + before).body())
                .contains("compare must name a task id");
        assertThat(server.get().get("/api/profiles/diff?base=" + before + "&compare=nope").statusCode()).isEqualTo(404);
        assertThat(server.get().get("/api/profiles/diff?base=" + before + "&compare=" + after + "&baseFrom=x").body())
                .contains("baseFrom must be epoch milliseconds");
    }
}
