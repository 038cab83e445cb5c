package io.groundstation.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** How stack totals become one tree: shared prefixes merge, kernel frames stay apart, widest first. */
class FlameGraphTest {

    private static StackTotal total(List<String> frames, int kernelFrames, long samples, long switches, long ns) {
        return new StackTotal(new Stack(frames, kernelFrames), new SampleCounts(samples, switches, ns));
    }

    @Test
    void stacksSharingAPrefixMergeAndEveryFrameCountsWhatIsAtAndBelowIt() {
        FlameNode root = FlameGraph.of(List.of(
                total(List.of("main", "serve", "parse"), 0, 3, 0, 0),
                total(List.of("main", "serve", "write"), 0, 5, 0, 0),
                total(List.of("main", "gc"), 0, 1, 0, 0)), false);

        assertThat(root.name()).isEqualTo("root");
        assertThat(root.value()).isEqualTo(9);
        FlameNode main = root.children().get(0);
        assertThat(root.children()).hasSize(1);
        assertThat(main.value()).isEqualTo(9);
        assertThat(main.children()).extracting(FlameNode::name).as("widest first").containsExactly("serve", "gc");
        assertThat(main.children().get(0).children()).extracting(FlameNode::name, FlameNode::value)
                .containsExactly(tuple("write", 5L),
                        tuple("parse", 3L));
    }

    @Test
    void aKernelFrameNeverMergesWithAUserFrameOfTheSameName() {
        FlameNode root = FlameGraph.of(List.of(
                total(List.of("main", "read"), 1, 2, 0, 0),
                total(List.of("main", "read"), 0, 1, 0, 0)), false);

        assertThat(root.children().get(0).children()).extracting(FlameNode::name, FlameNode::kernel, FlameNode::value)
                .containsExactly(tuple("read", true, 2L),
                        tuple("read", false, 1L));
    }

    @Test
    void equalWidthsOrderByNameSoTheTreeIsTheSameWhateverTheOrderRead() {
        List<StackTotal> totals = List.of(total(List.of("b"), 0, 1, 0, 0), total(List.of("a"), 0, 1, 0, 0));
        assertThat(FlameGraph.of(totals, false)).isEqualTo(FlameGraph.of(List.of(totals.get(1), totals.get(0)), false));
        assertThat(FlameGraph.of(totals, false).children()).extracting(FlameNode::name).containsExactly("a", "b");
    }

    @Test
    void offCpuWidthsAreNanosecondsOffTheCpuAndEveryCountIsKept() {
        FlameNode root = FlameGraph.of(List.of(
                total(List.of("main", "lock"), 0, 0, 4, 9_000),
                total(List.of("main", "sleep"), 0, 0, 1, 20_000)), true);

        FlameNode main = root.children().get(0);
        assertThat(main.value()).isEqualTo(29_000);
        assertThat(main.switches()).isEqualTo(5);
        assertThat(main.children()).extracting(FlameNode::name).as("the longest off the CPU first")
                .containsExactly("sleep", "lock");
    }

    @Test
    void noTotalsIsAnEmptyRoot() {
        assertThat(FlameGraph.of(List.of(), false)).isEqualTo(new FlameNode("root", false, 0, 0, 0, 0, List.of()));
    }
}
