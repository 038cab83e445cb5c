package io.groundstation.profile;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileDiffTest {

    @Test
    void framesOfBothProfilesAreMergedByPathWithEachSidesValue() {
        FlameNode base = node("root", 10, node("main", 10, node("work", 6), node("idle", 4)));
        FlameNode compare = node("root", 20, node("main", 20, node("work", 18), node("gc", 2)));

        ProfileDiff.Node diff = ProfileDiff.of(base, compare);

        assertThat(diff.base()).isEqualTo(10);
        assertThat(diff.compare()).isEqualTo(20);
        ProfileDiff.Node main = diff.children().get(0);
        assertThat(main.children()).extracting(n -> n.name() + ":" + n.base() + "->" + n.compare())
                .as("compared widest first; a frame one side lacks has 0 there")
                .containsExactly("work:6->18", "gc:0->2", "idle:4->0");
    }

    @Test
    void aKernelFrameIsNotTheUserFrameOfTheSameName() {
        FlameNode base = node("root", 2, node("read", 2));
        FlameNode compare = new FlameNode("root", false, 3, 3, 0, 0,
                List.of(new FlameNode("read", true, 3, 3, 0, 0, List.of())));

        assertThat(ProfileDiff.of(base, compare).children())
                .extracting(n -> n.name() + (n.kernel() ? "[k]" : "") + ":" + n.base() + "->" + n.compare())
                .containsExactly("read[k]:0->3", "read:2->0");
    }

    @Test
    void theSameFunctionUnderAnotherCallerStaysApart() {
        FlameNode base = node("root", 4, node("a", 2, node("hot", 2)), node("b", 2));
        FlameNode compare = node("root", 4, node("a", 1), node("b", 3, node("hot", 3)));

        ProfileDiff.Node diff = ProfileDiff.of(base, compare);

        assertThat(diff.children()).extracting(ProfileDiff.Node::name).containsExactly("b", "a");
        assertThat(diff.children().get(0).children().get(0)).extracting(ProfileDiff.Node::base,
                ProfileDiff.Node::compare).containsExactly(0L, 3L);
        assertThat(diff.children().get(1).children().get(0)).extracting(ProfileDiff.Node::base,
                ProfileDiff.Node::compare).containsExactly(2L, 0L);
    }

    private static FlameNode node(String name, long value, FlameNode... children) {
        return new FlameNode(name, false, value, value, 0, 0, List.of(children));
    }
}
