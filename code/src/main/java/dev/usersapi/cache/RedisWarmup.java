package dev.usersapi.cache;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens the Redis connection and runs a few commands before the service reports ready. Without it
 * the first real request pays for connecting and for a cold JVM, which can exceed the short command
 * timeout and make that request skip the cache. A Redis that is down here only logs, as always.
 *
 * <p>The warm-up starts when this bean is created, on a virtual thread, so connecting overlaps the
 * rest of start-up (Flyway, the web servers); readiness only waits for what is left of it.
 */
@Component
class RedisWarmup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RedisWarmup.class);
    private static final int ROUNDS = 3;
    /** Far above ROUNDS x (connect + command timeout): a bound, not an expected wait. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final Thread warmup;

    RedisWarmup(StringRedisTemplate redis, CacheGuard guard, CacheSettings settings) {
        String key = settings.key("warm-up");
        this.warmup = Thread.ofVirtual().name("redis-warmup").start(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                guard.call("warm-up", () -> redis.hasKey(key));
            }
        });
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (!warmup.join(MAX_WAIT)) {
            log.warn("Redis warm-up still running after {} s; reporting ready without it", MAX_WAIT.toSeconds());
        }
    }
}
