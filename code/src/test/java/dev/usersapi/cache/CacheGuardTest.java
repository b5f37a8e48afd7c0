package dev.usersapi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CacheGuardTest {

    private static CacheGuard guardRetryingAfter(Duration retryAfter) {
        return new CacheGuard(new CacheSettings(Duration.ZERO, Duration.ZERO, retryAfter, "t:"), new SimpleMeterRegistry());
    }

    @Test
    void afterAFailureRedisIsSkippedUntilTheRetryInterval() throws InterruptedException {
        CacheGuard guard = guardRetryingAfter(Duration.ofMillis(200));
        AtomicInteger calls = new AtomicInteger();

        assertThat(guard.call("op", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        })).isEmpty();
        assertThat(guard.call("op", calls::incrementAndGet)).isEmpty();
        assertThat(calls).hasValue(1);
        assertThat(guard.isDown()).isTrue();

        Thread.sleep(250);

        assertThat(guard.call("op", calls::incrementAndGet)).contains(2);
        assertThat(guard.isDown()).isFalse();
    }

    @Test
    void runTellsWhetherTheOperationRan() {
        CacheGuard guard = guardRetryingAfter(Duration.ofSeconds(30));

        assertThat(guard.run("op", () -> { })).isTrue();
        assertThat(guard.run("op", () -> {
            throw new IllegalStateException("down");
        })).isFalse();
        assertThat(guard.run("op", () -> { })).isFalse();
    }
}
