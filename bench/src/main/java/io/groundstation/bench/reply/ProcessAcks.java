package io.groundstation.bench.reply;

import java.util.List;

/**
 * The process ids the agent takes from a reportProcesses reply, one slot per sent process in sending order;
 * {@code null} where the reply had no matching entry.
 */
public record ProcessAcks(List<String> processIds, List<Misread> misreads) {

    public String processIdAt(int sentIndex) {
        return processIds.get(sentIndex);
    }
}
