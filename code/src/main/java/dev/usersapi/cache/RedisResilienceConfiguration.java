package dev.usersapi.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

/**
 * Redis as a cache that may disappear: commands fail at once while disconnected (instead of
 * queueing until the timeout), reconnects are retried quickly, and nothing is cached without a TTL.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
public class RedisResilienceConfiguration {

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhenDisconnected() {
        return options -> options
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled());
    }

    @Bean
    ClientResourcesBuilderCustomizer quickReconnect() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
    }

    /**
     * Cache writes that are done when {@code put} returns. With Lettuce, Spring Data Redis 4 writes
     * asynchronously by default: a put returns before Redis has the value, so a read right after a
     * load could still miss and load again (CacheAside's single flight counts on the value being in
     * Redis when the flight ends: 12 of 200 rounds of 24 concurrent misses loaded twice), and a
     * failed write never reached CacheGuard.
     */
    @Bean
    RedisCacheManagerBuilderCustomizer immediateCacheWrites(RedisConnectionFactory connections) {
        return builder -> builder.cacheWriter(RedisCacheWriter.create(connections, writer -> writer.immediateWrites()));
    }

    /** A cache holding JSON values of one type, expiring after {@code ttl}, under the service's prefix. */
    public static RedisCacheConfiguration typedCache(
            Class<?> type, Duration ttl, CacheSettings settings) {
        return cache(ttl, settings, SerializationPair.fromSerializer(new JacksonJsonRedisSerializer<>(type)));
    }

    /** A cache holding values that are already bytes (e.g. a rendered JSON body), stored as they are. */
    public static RedisCacheConfiguration bytesCache(Duration ttl, CacheSettings settings) {
        return cache(ttl, settings, SerializationPair.byteArray());
    }

    private static RedisCacheConfiguration cache(
            Duration ttl, CacheSettings settings, SerializationPair<?> values) {
        return RedisCacheConfiguration.defaultCacheConfig()
                .entryTtl(ttl)
                .disableCachingNullValues()
                .computePrefixWith(cacheName -> settings.key(cacheName + ":"))
                .serializeValuesWith(values);
    }
}
