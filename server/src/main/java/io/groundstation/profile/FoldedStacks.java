package io.groundstation.profile;

import java.util.List;
import java.util.TreeMap;

/**
 * The folded-stack text that flamegraph.pl, speedscope and most flame-graph tools read: one line per stack,
 * frames root first joined by ';', a space and the count. Kernel frames carry flamegraph.pl's "_[k]" suffix.
 */
final class FoldedStacks {

    private FoldedStacks() {
    }

    static String of(List<StackTotal> totals, boolean offCpu) {
        TreeMap<String, Long> lines = new TreeMap<>();
        for (StackTotal total : totals) {
            List<String> frames = total.stack().frames();
            int firstKernel = frames.size() - total.stack().kernelFrames();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < frames.size(); i++) {
                line.append(i == 0 ? "" : ";").append(clean(frames.get(i))).append(i >= firstKernel ? "_[k]" : "");
            }
            long value = offCpu ? total.counts().durationNs() : total.counts().samples();
            if (value > 0) {
                lines.merge(line.toString(), value, Long::sum);
            }
        }
        StringBuilder text = new StringBuilder();
        lines.forEach((stack, value) -> text.append(stack).append(' ').append(value).append('\n'));
        return text.toString();
    }

    /** The format's separators cannot appear inside a frame name. */
    private static String clean(String frame) {
        return frame.replace(';', ':').replace('\n', ' ').replace('\r', ' ');
    }
}
