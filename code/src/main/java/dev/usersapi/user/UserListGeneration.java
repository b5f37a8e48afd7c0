package dev.usersapi.user;

import dev.usersapi.cache.CacheGuard;
import dev.usersapi.cache.CacheSettings;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Invalidates every cached list page at once, without KEYS or SCAN: page keys embed a generation
 * number, and a write increments it, so old pages are never read again and expire by TTL.
 *
 * <p>The generation key has no TTL, so a {@code volatile-*} eviction policy (ElastiCache's default)
 * never evicts it. If Redis loses it anyway, it restarts from the clock, above any earlier value.
 * A bump that fails while Redis is down is remembered and retried before this instance trusts
 * cached pages again; other instances cannot know of it, so for them the page TTL bounds how
 * stale a list can be after an outage.
 */
@Component
class UserListGeneration {

    private final StringRedisTemplate redis;
    private final CacheGuard guard;
    private final String key;
    /** Bumps asked for and bumps known to be in Redis: one INCR applies every bump asked for before it. */
    private final AtomicLong bumpsRequested = new AtomicLong();
    private final AtomicLong bumpsApplied = new AtomicLong();

    UserListGeneration(StringRedisTemplate redis, CacheGuard guard, CacheSettings settings) {
        this.redis = redis;
        this.guard = guard;
        this.key = settings.key("user-pages:generation");
    }

    /** The current generation, or empty when list pages must not be read from the cache now. */
    OptionalLong current() {
        if (bumpsApplied.get() < bumpsRequested.get() && !tryBump()) {
            return OptionalLong.empty();
        }
        return guard.call("list generation read", () -> {
                    String value = redis.opsForValue().get(key);
                    if (value != null) {
                        return Long.parseLong(value);
                    }
                    String seed = Long.toString(System.currentTimeMillis());
                    redis.opsForValue().setIfAbsent(key, seed);
                    return Long.parseLong(redis.opsForValue().get(key));
                })
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Called after every write that changes what a list page shows. */
    void bump() {
        bumpsRequested.incrementAndGet();
        tryBump();
    }

    private boolean tryBump() {
        long covered = bumpsRequested.get();
        boolean done = guard.run("list generation bump", () -> redis.opsForValue().increment(key));
        if (done) {
            bumpsApplied.accumulateAndGet(covered, Math::max);
        }
        return done;
    }
}
