package dev.usersapi.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Runs Redis operations so that Redis can only ever make a request slower by one short timeout,
 * never fail it. After a failure Redis is skipped for {@code app.cache.retry-after}; the first
 * call after that probes it again, so the cache comes back by itself.
 */
@Component
public class CacheGuard {

    private static final Logger log = LoggerFactory.getLogger(CacheGuard.class);

    private final long retryAfterNanos;
    private final AtomicLong skipUntil = new AtomicLong(System.nanoTime());
    private volatile boolean down;

    public CacheGuard(CacheSettings properties, MeterRegistry meters) {
        this.retryAfterNanos = properties.retryAfter().toNanos();
        meters.gauge("users.cache.available", this, guard -> guard.down ? 0 : 1);
    }

    /** The operation's result, or empty when Redis failed or is being skipped. */
    public <T> Optional<T> call(String what, Supplier<T> operation) {
        if (System.nanoTime() - skipUntil.get() < 0) {
            return Optional.empty();
        }
        try {
            Optional<T> result = Optional.ofNullable(operation.get());
            if (down) {
                down = false;
                log.info("Redis is reachable again; cache reads and writes resume");
            }
            return result;
        } catch (RuntimeException e) {
            skipUntil.set(System.nanoTime() + retryAfterNanos);
            if (!down) {
                down = true;
                log.warn("Redis failed during {} ({}: {}); serving from PostgreSQL and retrying Redis every {} ms",
                        what, e.getClass().getSimpleName(), NestedExceptionUtils.getMostSpecificCause(e).getMessage(),
                        retryAfterNanos / 1_000_000);
            }
            return Optional.empty();
        }
    }

    /** Like {@link #call} for operations without a result; tells whether it ran. */
    public boolean run(String what, Runnable operation) {
        return call(what, () -> {
            operation.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    public boolean isDown() {
        return down;
    }
}
