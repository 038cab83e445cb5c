package io.groundstation.cache;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A value read from the database and served from memory: reloaded at most every refresh interval (changes made
 * through other nodes) and on the next read after {@link #invalidate()} (a change made through this node). One
 * reload runs at a time; readers that arrive meanwhile wait for it.
 *
 * <p>An invalidation that arrives while a reload is running may come after the reload read the database and
 * before it finished: that result may miss the change. Each invalidation therefore bumps a generation, a result
 * is stamped with the generation current when its load began, and a result of an older generation is never
 * served: the reader loads again first. So once {@code invalidate()} returns, no read returns a value loaded
 * before it was called.
 */
public final class RefreshingSnapshot<T> {

    /** Loads the value; {@code previous} is the value loaded last (null at first), to reuse what did not change. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(long now, T previous);
    }

    private record Loaded<T>(T value, long loadedAt, long generation) {
    }

    private final Loader<T> loader;
    private final long refreshMillis;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private volatile Loaded<T> loaded;

    public RefreshingSnapshot(Loader<T> loader, long refreshMillis, Clock clock) {
        this.loader = loader;
        this.refreshMillis = refreshMillis;
        this.clock = clock;
    }

    public T get() {
        Loaded<T> current = loaded;
        if (servable(current, 0)) {
            return current.value();
        }
        synchronized (this) {
            current = loaded;
            if (!servable(current, 0)) {
                do {
                    long startedIn = generation.get();
                    long now = clock.millis();
                    current = new Loaded<>(loader.load(now, current == null ? null : current.value()), now, startedIn);
                    loaded = current;
                } while (current.generation() != generation.get());
            }
        }
        return current.value();
    }

    /**
     * Whether a read made within {@code millis} from now would be served what is held, without loading. (A read
     * can still load if an invalidation comes first.)
     */
    public boolean servableFor(long millis) {
        return servable(loaded, millis);
    }

    /** What is held may be stale: the next read loads again, even one whose reload is already running. */
    public void invalidate() {
        generation.incrementAndGet();
    }

    /** Whether {@code candidate} may be served {@code millis} from now. */
    private boolean servable(Loaded<T> candidate, long millis) {
        return candidate != null && candidate.generation() == generation.get()
                && clock.millis() + millis - candidate.loadedAt() < refreshMillis;
    }
}
