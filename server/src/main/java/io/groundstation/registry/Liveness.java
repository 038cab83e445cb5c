package io.groundstation.registry;

import java.time.Clock;
import java.time.Duration;

/** The one liveness rule: a process or agent is alive while it was last seen within the window. */
public final class Liveness {

    private final long windowMillis;
    private final Clock clock;

    public Liveness(Duration window, Clock clock) {
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** The oldest last-seen time that still counts as alive. */
    public long aliveSince() {
        return clock.millis() - windowMillis;
    }

    public boolean isAlive(long lastSeen) {
        return lastSeen >= aliveSince();
    }

    public ProcessState stateOf(long lastSeen) {
        return isAlive(lastSeen) ? ProcessState.ALIVE : ProcessState.DEAD;
    }
}
