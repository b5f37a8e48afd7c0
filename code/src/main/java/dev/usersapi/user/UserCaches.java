package dev.usersapi.user;

import static dev.usersapi.cache.RedisResilienceConfiguration.bytesCache;
import static dev.usersapi.cache.RedisResilienceConfiguration.typedCache;

import dev.usersapi.cache.CacheSettings;
import org.springframework.boot.cache.autoconfigure.RedisCacheManagerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two caches of the users feature, each with its own value type and TTL. */
@Configuration(proxyBeanMethods = false)
class UserCaches {

    /** {@code GET /users/{id}}: key = id, value = {@link User}. */
    static final String BY_ID = "users";
    /**
     * {@code GET /users}: key = list generation + limit + offset, value = the page's JSON body. The
     * name is new with that value ("user-pages" held {@code {"users": [...]}}), so that during a
     * rolling update neither version reads the other's pages.
     */
    static final String PAGES = "user-page-bodies";

    @Bean
    RedisCacheManagerBuilderCustomizer userCacheDefinitions(CacheSettings settings) {
        return builder -> builder
                .disableCreateOnMissingCache()
                .withCacheConfiguration(BY_ID, typedCache(User.class, settings.userTtl(), settings))
                .withCacheConfiguration(PAGES, bytesCache(settings.pageTtl(), settings));
    }
}
