package io.groundstation.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Merges stack totals into one tree, root to leaf, children widest first. */
final class FlameGraph {

    private FlameGraph() {
    }

    static FlameNode of(List<StackTotal> totals, boolean offCpu) {
        Builder root = new Builder("root", false);
        for (StackTotal total : totals) {
            Builder node = root;
            root.add(total.counts());
            List<String> frames = total.stack().frames();
            int firstKernel = frames.size() - total.stack().kernelFrames();
            for (int i = 0; i < frames.size(); i++) {
                boolean kernel = i >= firstKernel;
                String name = frames.get(i);
                node = node.children.computeIfAbsent((kernel ? "k:" : "u:") + name, k -> new Builder(name, kernel));
                node.add(total.counts());
            }
        }
        return root.build(offCpu);
    }

    private static final class Builder {
        final String name;
        final boolean kernel;
        final Map<String, Builder> children = new LinkedHashMap<>();
        SampleCounts counts = SampleCounts.NONE;

        Builder(String name, boolean kernel) {
            this.name = name;
            this.kernel = kernel;
        }

        void add(SampleCounts more) {
            counts = counts.plus(more);
        }

        FlameNode build(boolean offCpu) {
            List<FlameNode> built = new ArrayList<>();
            children.values().forEach(child -> built.add(child.build(offCpu)));
            built.sort(Comparator.comparingLong(FlameNode::value).reversed().thenComparing(FlameNode::name));
            return new FlameNode(name, kernel, offCpu ? counts.durationNs() : counts.samples(), counts.samples(),
                    counts.switches(), counts.durationNs(), built);
        }
    }
}
