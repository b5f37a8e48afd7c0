package dev.usersapi.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.data.redis.serializer.SerializationException;

class CacheAsideTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CacheGuard guard = new CacheGuard(
            new CacheSettings(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(30), "t:"), meters);
    private final CacheAside cacheAside = new CacheAside(guard, meters);

    @Test
    void missLoadsAndStoresThenHits() {
        Cache cache = new ConcurrentMapCache("c");
        AtomicInteger loads = new AtomicInteger();

        CacheRead<String> first = cacheAside.read(cache, 1L, String.class, () -> "v" + loads.incrementAndGet());
        CacheRead<String> second = cacheAside.read(cache, 1L, String.class, () -> "v" + loads.incrementAndGet());

        assertThat(first).isEqualTo(new CacheRead<>("v1", false));
        assertThat(second).isEqualTo(new CacheRead<>("v1", true));
        assertThat(loads).hasValue(1);
    }

    @Test
    void anUnreadableEntryIsLoadedAgainAndOverwritten() {
        Cache cache = new ConcurrentMapCache("c") {
            @Override
            public <T> T get(Object key, Class<T> type) {
                if ("unreadable".equals(super.get(key, Object.class))) {
                    throw new SerializationException("Could not read JSON");
                }
                return super.get(key, type);
            }
        };
        cache.put(1L, "unreadable");

        CacheRead<String> first = cacheAside.read(cache, 1L, String.class, () -> "loaded");
        CacheRead<String> second = cacheAside.read(cache, 1L, String.class, () -> "loaded again");

        assertThat(first).isEqualTo(new CacheRead<>("loaded", false));
        assertThat(second).isEqualTo(new CacheRead<>("loaded", true));
        assertThat(guard.isDown()).isFalse();
    }

    @Test
    void concurrentMissesOnOneKeyShareOneLoad() throws Exception {
        Cache cache = new ConcurrentMapCache("c");
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loaderEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int readers = 32;
        List<Future<CacheRead<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            results.add(pool.submit(() -> cacheAside.read(cache, "k", String.class, () -> {
                loads.incrementAndGet();
                loaderEntered.countDown();
                await(release);
                return "value";
            })));
            assertThat(loaderEntered.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i < readers; i++) {
                results.add(pool.submit(() -> cacheAside.read(cache, "k", String.class, () -> {
                    loads.incrementAndGet();
                    return "value";
                })));
            }
            Thread.sleep(100); // let the followers reach the in-flight load
            release.countDown();
            for (Future<CacheRead<String>> result : results) {
                assertThat(result.get(5, TimeUnit.SECONDS).value()).isEqualTo("value");
            }
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void aFailingCacheDegradesToTheLoader() {
        Cache broken = new ConcurrentMapCache("broken") {
            @Override
            public <T> T get(Object key, Class<T> type) {
                throw new IllegalStateException("redis down");
            }

            @Override
            public void put(Object key, Object value) {
                throw new IllegalStateException("redis down");
            }
        };

        CacheRead<String> read = cacheAside.read(broken, 1L, String.class, () -> "from-db");

        assertThat(read).isEqualTo(new CacheRead<>("from-db", false));
        assertThat(guard.isDown()).isTrue();
    }

    @Test
    void loaderErrorsPropagateAndAreNotCached() {
        Cache cache = new ConcurrentMapCache("c");

        assertThatThrownBy(() -> cacheAside.read(cache, 1L, String.class, () -> {
            throw new IllegalArgumentException("not found");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(cache.get(1L)).isNull();
        assertThat(cacheAside.read(cache, 1L, String.class, () -> "later").value()).isEqualTo("later");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
