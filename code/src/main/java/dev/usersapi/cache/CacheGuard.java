package dev.usersapi.cache;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

/**
 * Runs Redis operations so that Redis can only ever make a request slower by one short timeout,
 * never fail it. After a failure Redis is skipped for {@code app.cache.retry-after}; after that
 * one call probes it while the others keep skipping it, so a hung Redis costs one timeout per
 * interval, not one per request, and the cache comes back by itself.
 */
@Component
public class CacheGuard {

    private static final Logger log = LoggerFactory.getLogger(CacheGuard.class);

    private final long retryAfterNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong skipUntil;
    private volatile boolean down;

    @Autowired
    public CacheGuard(CacheSettings properties, MeterRegistry meters) {
        this(properties, meters, System::nanoTime);
    }

    CacheGuard(CacheSettings properties, MeterRegistry meters, LongSupplier nanoTime) {
        this.retryAfterNanos = properties.retryAfter().toNanos();
        this.nanoTime = nanoTime;
        this.skipUntil = new AtomicLong(nanoTime.getAsLong());
        meters.gauge("users.cache.available", this, guard -> guard.down ? 0 : 1);
    }

    /** The operation's result, or empty when Redis failed or is being skipped. */
    public <T> Optional<T> call(String what, Supplier<T> operation) {
        long until = skipUntil.get();
        long now = nanoTime.getAsLong();
        if (now - until < 0) {
            return Optional.empty();
        }
        // While Redis is down, the call that moves skipUntil on is the probe; the others skip.
        if (down && !skipUntil.compareAndSet(until, now + retryAfterNanos)) {
            return Optional.empty();
        }
        try {
            Optional<T> result = Optional.ofNullable(operation.get());
            if (down) {
                down = false;
                skipUntil.set(nanoTime.getAsLong());
                log.info("Redis is reachable again; cache reads and writes resume");
            }
            return result;
        } catch (RuntimeException e) {
            boolean wasDown = down;
            down = true;
            skipUntil.set(nanoTime.getAsLong() + retryAfterNanos);
            if (!wasDown) {
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
