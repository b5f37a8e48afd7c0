package dev.usersapi.user;

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
    /** {@code GET /users}: key = list generation + limit + offset, value = {@link UserPage}. */
    static final String PAGES = "user-pages";

    @Bean
    RedisCacheManagerBuilderCustomizer userCacheDefinitions(CacheSettings settings) {
        return builder -> builder
                .disableCreateOnMissingCache()
                .withCacheConfiguration(BY_ID, typedCache(User.class, settings.userTtl(), settings))
                .withCacheConfiguration(PAGES, typedCache(UserPage.class, settings.pageTtl(), settings));
    }
}
