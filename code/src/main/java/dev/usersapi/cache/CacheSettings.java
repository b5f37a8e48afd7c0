package dev.usersapi.cache;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Tunables of the Redis cache.
 *
 * @param userTtl how long a user read by id stays cached (CACHE_TTL_SECONDS); at least 1 s, as
 *     Spring Data Redis stores an entry with a TTL of 0 without expiry
 * @param pageTtl how long a page of the user list stays cached (CACHE_LIST_TTL_SECONDS); at least 1 s
 * @param retryAfter after a Redis failure, how long requests skip Redis before trying it again,
 *     so a hung Redis costs one timeout per interval rather than one per request
 * @param keyPrefix prefix of every key this service writes, so several services can share a Redis
 */
@Validated
@ConfigurationProperties("app.cache")
public record CacheSettings(
        @NotNull @DurationMin(seconds = 1) Duration userTtl,
        @NotNull @DurationMin(seconds = 1) Duration pageTtl,
        @NotNull @DurationMin(millis = 1) Duration retryAfter,
        @NotNull String keyPrefix) {

    public String key(String name) {
        return keyPrefix + name;
    }
}
