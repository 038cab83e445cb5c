package io.groundstation.log;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs a warning at most once per interval and says how many were held back, so that one misbehaving agent
 * in a fleet of thousands cannot flood the log.
 */
public final class ThrottledLog {

    private final Logger logger;
    private final long intervalMillis;
    private final AtomicLong nextAllowed = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger logger, long intervalMillis) {
        this.logger = logger;
        this.intervalMillis = intervalMillis;
    }

    public void warn(String format, Object... arguments) {
        long now = System.currentTimeMillis();
        long allowedAt = nextAllowed.get();
        if (now < allowedAt || !nextAllowed.compareAndSet(allowedAt, now + intervalMillis)) {
            suppressed.incrementAndGet();
            return;
        }
        long heldBack = suppressed.getAndSet(0);
        if (heldBack > 0) {
            logger.warn("({} similar warnings held back) " + format, prepend(heldBack, arguments));
        } else {
            logger.warn(format, arguments);
        }
    }

    private static Object[] prepend(long first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
