package dev.usersapi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisWarmupTest {

    private static final CacheSettings SETTINGS = new CacheSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO, "t:");

    @Test
    void startsWhenCreatedAndReadinessWaitsForIt() throws Exception {
        StringRedisTemplate redis = mock(StringRedisTemplate.class);
        CountDownLatch firstCommand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        when(redis.hasKey(anyString())).thenAnswer(call -> {
            firstCommand.countDown();
            release.await();
            return false;
        });

        RedisWarmup warmup = new RedisWarmup(redis, new CacheGuard(SETTINGS, new SimpleMeterRegistry()), SETTINGS);
        // The command runs before anyone calls run(): it overlaps the rest of start-up.
        assertThat(firstCommand.await(5, TimeUnit.SECONDS)).isTrue();

        Thread runner = Thread.ofVirtual().start(() -> {
            try {
                warmup.run(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(runner.join(Duration.ofMillis(200))).as("run() waits for the warm-up").isFalse();

        release.countDown();
        assertThat(runner.join(Duration.ofSeconds(5))).isTrue();
        verify(redis, times(3)).hasKey("t:warm-up");
    }

    @Test
    void aRedisThatIsDownDoesNotFailStartUp() throws Exception {
        StringRedisTemplate redis = mock(StringRedisTemplate.class);
        when(redis.hasKey(anyString())).thenThrow(new RedisConnectionFailureException("down"));
        CacheGuard guard = new CacheGuard(SETTINGS, new SimpleMeterRegistry());

        new RedisWarmup(redis, guard, SETTINGS).run(null);

        assertThat(guard.isDown()).isTrue();
    }
}
