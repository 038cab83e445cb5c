package io.groundstation.policy;

import io.groundstation.testing.harness.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What polls are answered from: the current policies in memory, each with its agent entries written once. */
class PolicyBookTest {

    private static final long REFRESH_MILLIS = 2_000;

    private final MutableClock clock = new MutableClock(1_000_000_000L);
    private final MemoryPolicyStores.Policies store = new MemoryPolicyStores.Policies();
    private final PolicyValidator validator = new PolicyValidator(1024);
    private static final long RESEND_WINDOW_MILLIS = 20_000;
    private static final Map<String, ?> CPU =
            Map.of("ON_CPU", Map.of("PROCESS_CPU", Map.of("threshold", 80, "period", 10, "count", 5)));

    /** What the cluster's registrations say gained processes recently (through any node). */
    private final Set<String> registeredInCluster = new HashSet<>();
    private final PolicyBook book = new PolicyBook(store, since -> Set.copyOf(registeredInCluster), REFRESH_MILLIS,
            RESEND_WINDOW_MILLIS, clock);

    private StoredPolicy store(String service, Map<String, ?> targets) {
        StoredPolicy stored = StoredPolicy.of(validator.validate(service, targets), clock.millis());
        store.save(stored);
        book.invalidate();
        return stored;
    }

    @Test
    void anEntryIsWrittenInTheAgentsSpellingOncePerVariantAndKeptWhileTheVersionHolds() {
        String version = store("shop", Map.of("NETWORK", Map.of("HTTP_ERROR_RATE",
                Map.of("threshold", 5, "period", 30, "count", 15, "uriList", List.of("/a", "/b"))))).version();

        ServedPolicy served = book.current("shop").orElseThrow();
        assertThat(served.entry(0)).isEqualTo("{\"ServiceName\":\"shop\",\"UUID\":\"" + version + "\",\"Profiling\":"
                + "{\"NETWORK\":{\"HTTP_ERROR_RATE\":{\"Threshold\":\"5\",\"Period\":30,\"Count\":15,"
                + "\"URIList\":[\"/a\",\"/b\"]}}}}");
        assertThat(served.entry(1)).isEqualTo("{\"ServiceName\":\"shop\",\"UUID\":\"" + version + "-v1\",\"Profiling\":"
                + "{\"NETWORK\":{\"HTTP_ERROR_RATE\":{\"Threshold\":\"5\",\"Period\":30,\"Count\":15,"
                + "\"URIList\":[\"/a\",\"/b\",\"/a\"]}}}}");
        assertThat(served.entry(1)).as("written once").isSameAs(served.entry(1));

        clock.advance(Duration.ofMillis(REFRESH_MILLIS));
        assertThat(book.current("shop").orElseThrow()).as("a reload keeps an unchanged version's entries")
                .isSameAs(served);

        store("cart", Map.of("ON_CPU", Map.of("PROCESS_CPU", Map.of("threshold", 80, "period", 10, "count", 5))));
        assertThat(book.current("shop").orElseThrow()).as("a change of another policy keeps them too").isSameAs(served);

        store("shop", Map.of("ON_CPU", Map.of("PROCESS_CPU", Map.of("threshold", 80, "period", 10, "count", 5))));
        assertThat(book.current("shop").orElseThrow().entry(0)).contains("\"PROCESS_CPU\":{\"Threshold\":\"80\"");
    }

    @Test
    void aChangeThroughThisNodeIsServedAtOnceAndOneThroughAnotherAfterTheRefreshInterval() {
        StoredPolicy shop = store("shop", CPU);
        assertThat(book.current("shop")).map(p -> p.stored().version()).contains(shop.version());

        // another node stores cart and deletes shop: this node's book hears of it only on its next reload
        store.save(StoredPolicy.of(validator.validate("cart", Map.of("OFF_CPU",
                Map.of("PROCESS_THREAD_COUNT", Map.of("threshold", 500, "period", 10, "count", 5)))), clock.millis()));
        store.delete("shop");
        assertThat(book.current("cart")).isEmpty();
        assertThat(book.current("shop")).isPresent();

        clock.advance(Duration.ofMillis(REFRESH_MILLIS));
        assertThat(book.current("cart")).isPresent();
        assertThat(book.current("shop")).isEmpty();
        assertThat(book.version(shop.version())).as("a version an agent may still hold is still known")
                .contains(shop.policy());
    }

    @Test
    void aServiceGainedProcessesForOneResendWindowThroughThisNodeOrThroughTheCluster() {
        book.registered(Set.of("shop"));
        assertThat(book.gainedProcessesRecently("shop")).isTrue();
        assertThat(book.gainedProcessesRecently("cart")).isFalse();

        registeredInCluster.add("cart");
        assertThat(book.gainedProcessesRecently("cart")).as("the cluster's come with the next snapshot").isFalse();
        clock.advance(Duration.ofMillis(REFRESH_MILLIS));
        assertThat(book.gainedProcessesRecently("cart")).isTrue();

        registeredInCluster.clear();
        clock.advance(Duration.ofMillis(RESEND_WINDOW_MILLIS));
        assertThat(book.gainedProcessesRecently("shop")).as("past the window").isFalse();
        assertThat(book.gainedProcessesRecently("cart")).isFalse();
    }
}
