package dev.usersapi.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.usersapi.cache.CacheGuard;
import dev.usersapi.cache.CacheSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;

class UserListGenerationTest {

    private static final String KEY = "t:user-pages:generation";

    /** Retrying at once: these tests are about remembered bumps, not the guard's interval. */
    private static final CacheSettings SETTINGS =
            new CacheSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofNanos(1), "t:");

    @SuppressWarnings("unchecked")
    private final ValueOperations<String, String> values = mock(ValueOperations.class);
    private final UserListGeneration generation = generationOver(values);

    private static UserListGeneration generationOver(ValueOperations<String, String> values) {
        StringRedisTemplate redis = mock(StringRedisTemplate.class);
        when(redis.opsForValue()).thenReturn(values);
        return new UserListGeneration(redis, new CacheGuard(SETTINGS, new SimpleMeterRegistry()), SETTINGS);
    }

    private static RedisConnectionFailureException down() {
        return new RedisConnectionFailureException("down");
    }

    @Test
    void aFailedBumpIsRetriedBeforeCachedPagesAreTrustedAgain() {
        when(values.increment(KEY)).thenThrow(down()).thenThrow(down()).thenReturn(8L);
        when(values.get(KEY)).thenReturn("8");

        generation.bump();

        assertThat(generation.current()).isEmpty();
        assertThat(generation.current()).isEqualTo(OptionalLong.of(8));
        assertThat(generation.current()).isEqualTo(OptionalLong.of(8));
        verify(values, times(3)).increment(KEY);
    }

    /** A bump that succeeds must not clear one asked for after it started and failed meanwhile. */
    @Test
    void aBumpThatFailedWhileAnEarlierOneWasInFlightStaysPending() throws Exception {
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch secondFailed = new CountDownLatch(1);
        when(values.increment(KEY))
                .thenAnswer(call -> {
                    firstInFlight.countDown();
                    assertThat(secondFailed.await(10, TimeUnit.SECONDS)).isTrue();
                    return 2L;
                })
                .thenThrow(down())
                .thenReturn(3L);
        when(values.get(KEY)).thenReturn("3");

        CompletableFuture<Void> first = CompletableFuture.runAsync(generation::bump);
        assertThat(firstInFlight.await(10, TimeUnit.SECONDS)).isTrue();
        generation.bump();
        secondFailed.countDown();
        first.get(10, TimeUnit.SECONDS);

        assertThat(generation.current()).isEqualTo(OptionalLong.of(3));
        verify(values, times(3)).increment(KEY);
    }

    @Test
    void aLostGenerationRestartsFromTheClock() {
        long before = System.currentTimeMillis();
        when(values.get(KEY)).thenReturn(null, String.valueOf(before + 1));

        assertThat(generation.current()).isEqualTo(OptionalLong.of(before + 1));
        verify(values).setIfAbsent(eq(KEY), argThat(seed -> Long.parseLong(seed) >= before));
    }
}
