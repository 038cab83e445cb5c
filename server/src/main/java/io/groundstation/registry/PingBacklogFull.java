package io.groundstation.registry;

/**
 * Keep-alives refused because the backlog of unwritten ones is at its cap (the database has been away long, or a
 * client sends entities by the thousands). The call fails rather than be acknowledged and forgotten; the agent
 * pings again on its next tick.
 */
public final class PingBacklogFull extends RuntimeException {

    private final int dropped;

    PingBacklogFull(int dropped, int cap) {
        super(dropped + " keep-alives refused: " + cap + " are already waiting to be written");
        this.dropped = dropped;
    }

    public int dropped() {
        return dropped;
    }
}
