package dev.usersapi.cache;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens the Redis connection and runs one command before the service reports ready. Without it
 * the first real request pays for connecting and for a cold JVM, which can exceed the short command
 * timeout and make that request skip the cache. A Redis that is down here only logs, as always.
 */
@Component
class RedisWarmup implements ApplicationRunner {

    private final StringRedisTemplate redis;
    private final CacheGuard guard;
    private final CacheSettings settings;

    RedisWarmup(StringRedisTemplate redis, CacheGuard guard, CacheSettings settings) {
        this.redis = redis;
        this.guard = guard;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (int round = 0; round < 3; round++) {
            guard.call("warm-up", () -> redis.hasKey(settings.key("warm-up")));
        }
    }
}
