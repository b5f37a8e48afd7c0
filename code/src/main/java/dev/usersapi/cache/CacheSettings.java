package dev.usersapi.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tunables of the Redis cache.
 *
 * @param userTtl how long a user read by id stays cached (CACHE_TTL_SECONDS)
 * @param pageTtl how long a page of the user list stays cached (CACHE_LIST_TTL_SECONDS)
 * @param retryAfter after a Redis failure, how long requests skip Redis before trying it again,
 *     so a hung Redis costs one timeout per interval rather than one per request
 * @param keyPrefix prefix of every key this service writes, so several services can share a Redis
 */
@ConfigurationProperties("app.cache")
public record CacheSettings(Duration userTtl, Duration pageTtl, Duration retryAfter, String keyPrefix) {

    public String key(String name) {
        return keyPrefix + name;
    }
}
