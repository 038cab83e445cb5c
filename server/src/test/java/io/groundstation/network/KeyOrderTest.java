package io.groundstation.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every node must sort a batch's keys the same way, whatever order they arrived in: it orders the row locks. */
class KeyOrderTest {

    private static final Link A = new Link("p1", new Peer(Peer.Kind.ADDRESS, "10.0.0.1:80"), "client", "http", false);
    private static final Link B = new Link("p1", new Peer(Peer.Kind.ADDRESS, "10.0.0.1:80"), "client", "http", true);
    private static final Link C = new Link("p1", Peer.LOCAL, "server", "http", false);

    @Test
    void meterKeysSortTheSameFromAnyArrivalOrder() {
        List<MeterKey> keys = new ArrayList<>();
        for (Link link : List.of(A, B, C)) {
            for (long slice : new long[] {60_000, 0}) {
                for (String code : List.of("500", "200")) {
                    keys.add(new MeterKey("t1", link, slice, "http1_request_counter", code));
                    keys.add(new MeterKey("t0", link, slice, "write_counter", code));
                }
            }
        }
        assertSameOrderAfterShuffles(keys, MeterKey.ORDER);
    }

    @Test
    void bucketKeysSortTheSameFromAnyArrivalOrder() {
        List<BucketKey> keys = new ArrayList<>();
        for (Link link : List.of(C, B, A)) {
            for (double bucket : new double[] {250, 0, 10.5}) {
                keys.add(new BucketKey("t1", link, 0, "http1_request_duration", bucket));
                keys.add(new BucketKey("t1", link, 5_000, "http1_request_duration", bucket));
            }
        }
        assertSameOrderAfterShuffles(keys, BucketKey.ORDER);
    }

    private static <T> void assertSameOrderAfterShuffles(List<T> keys, java.util.Comparator<T> order) {
        assertThat(keys).doesNotHaveDuplicates();
        List<T> sorted = new ArrayList<>(keys);
        sorted.sort(order);
        for (int i = 1; i < sorted.size(); i++) {
            // a total order: distinct keys never compare equal, or their relative order would depend on arrival
            assertThat(order.compare(sorted.get(i - 1), sorted.get(i))).isNegative();
        }
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<T> arrived = new ArrayList<>(keys);
            Collections.shuffle(arrived, random);
            arrived.sort(order);
            assertThat(arrived).containsExactlyElementsOf(sorted);
        }
    }
}
