package io.groundstation.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A differential flame graph: two flame graphs merged frame by frame (the same name, user or kernel, under the same
 * path), each frame carrying what it weighs in the base and in the compared profile. A frame only one side has gets
 * 0 on the other. Children widest in the compared profile first, then in the base, then by name.
 */
public final class ProfileDiff {

    /** One merged frame; {@code base} and {@code compare} are the flame graphs' values (samples or off-CPU ns). */
    public record Node(String name, boolean kernel, long base, long compare, List<Node> children) {
    }

    private ProfileDiff() {
    }

    public static Node of(FlameNode base, FlameNode compare) {
        return merge(base.name(), base.kernel(), base, compare);
    }

    private static Node merge(String name, boolean kernel, FlameNode base, FlameNode compare) {
        Map<String, FlameNode[]> pairs = new LinkedHashMap<>();
        if (base != null) {
            base.children().forEach(c -> pairs.computeIfAbsent(key(c), k -> new FlameNode[2])[0] = c);
        }
        if (compare != null) {
            compare.children().forEach(c -> pairs.computeIfAbsent(key(c), k -> new FlameNode[2])[1] = c);
        }
        List<Node> children = new ArrayList<>();
        for (FlameNode[] pair : pairs.values()) {
            FlameNode either = pair[0] != null ? pair[0] : pair[1];
            children.add(merge(either.name(), either.kernel(), pair[0], pair[1]));
        }
        children.sort(Comparator.comparingLong(Node::compare).reversed()
                .thenComparing(Comparator.comparingLong(Node::base).reversed()).thenComparing(Node::name));
        return new Node(name, kernel, base == null ? 0 : base.value(), compare == null ? 0 : compare.value(),
                children);
    }

    private static String key(FlameNode node) {
        return (node.kernel() ? "k:" : "u:") + node.name();
    }
}
