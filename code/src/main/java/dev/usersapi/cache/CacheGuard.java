package dev.usersapi.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.stereotype.Component;

/**
 * Runs Redis operations so that Redis can only ever make a request slower by one short timeout,
 * never fail it. After a failure Redis is skipped for {@code app.cache.retry-after}; after that
 * one call probes it while the others keep skipping it, so a hung Redis costs one timeout per
 * interval, not one per request, and the cache comes back by itself. An entry that cannot be read
 * (written by another version, say) is a miss, not a failure: the load that follows overwrites it.
 */
@Component
public class CacheGuard {

    private static final Logger log = LoggerFactory.getLogger(CacheGuard.class);

    private final long retryAfterNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong skipUntil;
    private final Counter unreadableEntries;
    private final AtomicBoolean unreadableLogged = new AtomicBoolean();
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
        this.unreadableEntries = Counter.builder("users.cache.unreadable")
                .description("Cache entries that could not be deserialized and were treated as misses")
                .register(meters);
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
        } catch (SerializationException e) {
            unreadableEntries.increment();
            // Logged once: during a rollout every instance may meet many; the counter has the rest.
            // The exception's message is left out, as it can quote the entry, a user's data.
            if (unreadableLogged.compareAndSet(false, true)) {
                log.warn("Unreadable cache entry during {} ({}); treated as a miss, further ones are counted in "
                        + "users.cache.unreadable", what, e.getClass().getSimpleName());
            }
            return Optional.empty();
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
