package dev.usersapi.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.cache.Cache;
import org.springframework.stereotype.Component;

/**
 * Cache-aside reads over a Spring {@link Cache}: Redis first, on a miss the loader, then store.
 * Concurrent misses on one key in this instance share a single load (single flight), and every
 * Redis failure degrades to a plain load through {@link CacheGuard}.
 */
@Component
public class CacheAside {

    private final CacheGuard guard;
    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    public CacheAside(CacheGuard guard, MeterRegistry meters) {
        this.guard = guard;
        this.meters = meters;
    }

    public <T> CacheRead<T> read(Cache cache, Object key, Class<T> type, Supplier<T> loader) {
        T cached = get(cache, key, type);
        if (cached != null) {
            count(cache, "hit");
            return new CacheRead<>(cached, true);
        }
        count(cache, "miss");
        String flightKey = cache.getName() + "::" + key;
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> leader = inFlight.putIfAbsent(flightKey, mine);
        if (leader != null) {
            return new CacheRead<>(type.cast(await(leader)), false);
        }
        try {
            // A load that finished between our miss and our claim has already filled the cache.
            T value = get(cache, key, type);
            if (value == null) {
                value = loader.get();
                count(cache, "load");
                put(cache, key, value);
            }
            mine.complete(value);
            return new CacheRead<>(value, false);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flightKey, mine);
        }
    }

    public void put(Cache cache, Object key, Object value) {
        guard.run("cache put", () -> cache.put(key, value));
    }

    private <T> T get(Cache cache, Object key, Class<T> type) {
        return guard.call("cache get", () -> cache.get(key, type)).orElse(null);
    }

    private static Object await(CompletableFuture<Object> leader) {
        try {
            return leader.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** One counter per cache and outcome, built once: this runs on every read. */
    private void count(Cache cache, String result) {
        counters.computeIfAbsent(cache.getName() + "/" + result, key -> Counter.builder("users.cache.requests")
                .description("Cache-aside reads by outcome; 'load' counts reads that reached the database")
                .tag("cache", cache.getName())
                .tag("result", result)
                .register(meters))
                .increment();
    }
}
