package dev.usersapi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A TTL of 0 would store entries without expiry: the service refuses to start with one. */
class CacheSettingsTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CacheSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class)
            .withPropertyValues("app.cache.user-ttl=300s", "app.cache.page-ttl=30s",
                    "app.cache.retry-after=1000ms", "app.cache.key-prefix=users-api:");

    @ParameterizedTest
    @ValueSource(strings = {"app.cache.user-ttl=0s", "app.cache.page-ttl=0s", "app.cache.user-ttl=-5s",
            "app.cache.retry-after=0ms"})
    void aTtlOrIntervalBelowTheMinimumIsRefusedAtStart(String setting) {
        context.withPropertyValues(setting).run(started -> assertThat(started)
                .getFailure().rootCause().hasMessageContaining("must be longer than or equal to"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.cache.user-ttl=1s", "app.cache.page-ttl=1s", "app.cache.retry-after=1ms"})
    void theMinimumItselfIsAccepted(String setting) {
        context.withPropertyValues(setting).run(started -> assertThat(started).hasNotFailed());
    }
}
