package dev.usersapi.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.serializer.SerializationException;

class CacheGuardTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** The guard's clock, moved by the tests: no sleeps, no races with the wall clock. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CacheGuard guard = new CacheGuard(
            new CacheSettings(Duration.ofMinutes(5), Duration.ofSeconds(30), RETRY_AFTER, "t:"), meters, now::get);
    private final AtomicInteger calls = new AtomicInteger();

    private static Integer fail() {
        throw new IllegalStateException("down");
    }

    private void passRetryInterval() {
        now.addAndGet(RETRY_AFTER.toNanos() + 1);
    }

    @Test
    void afterAFailureRedisIsSkippedUntilTheRetryInterval() {
        assertThat(guard.call("op", () -> {
            calls.incrementAndGet();
            return fail();
        })).isEmpty();
        now.addAndGet(RETRY_AFTER.toNanos() - 1);
        assertThat(guard.call("op", calls::incrementAndGet)).isEmpty();
        assertThat(calls).hasValue(1);
        assertThat(guard.isDown()).isTrue();

        passRetryInterval();

        assertThat(guard.call("op", calls::incrementAndGet)).contains(2);
        assertThat(guard.isDown()).isFalse();
        assertThat(guard.call("op", calls::incrementAndGet)).contains(3);
    }

    @Test
    void aFailedProbeSkipsRedisForAnotherInterval() {
        guard.call("op", CacheGuardTest::fail);
        passRetryInterval();

        assertThat(guard.call("probe", CacheGuardTest::fail)).isEmpty();
        assertThat(guard.call("op", calls::incrementAndGet)).isEmpty();
        assertThat(calls).hasValue(0);

        passRetryInterval();
        assertThat(guard.call("op", calls::incrementAndGet)).contains(1);
    }

    @Test
    void whileOneCallProbesRedisTheOthersSkipIt() throws Exception {
        guard.call("op", CacheGuardTest::fail);
        passRetryInterval();
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);

        CompletableFuture<Optional<Integer>> probe = CompletableFuture.supplyAsync(() -> guard.call("probe", () -> {
            probing.countDown();
            awaitQuietly(answer);
            return 42;
        }));
        assertThat(probing.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(guard.call("op", calls::incrementAndGet)).isEmpty();
        assertThat(calls).hasValue(0);

        answer.countDown();
        assertThat(probe.get(10, TimeUnit.SECONDS)).contains(42);
        assertThat(guard.call("op", calls::incrementAndGet)).contains(1);
        assertThat(guard.isDown()).isFalse();
    }

    @Test
    void anUnreadableEntryIsAMissNotAnOutage() {
        assertThat(guard.call("cache get", () -> {
            throw new SerializationException("Could not read JSON");
        })).isEmpty();

        assertThat(guard.isDown()).isFalse();
        assertThat(guard.call("cache put", calls::incrementAndGet)).contains(1);
        assertThat(meters.get("users.cache.unreadable").counter().count()).isEqualTo(1.0);
    }

    @Test
    void runTellsWhetherTheOperationRan() {
        assertThat(guard.run("op", () -> { })).isTrue();
        assertThat(guard.run("op", () -> {
            throw new IllegalStateException("down");
        })).isFalse();
        assertThat(guard.run("op", () -> { })).isFalse();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
