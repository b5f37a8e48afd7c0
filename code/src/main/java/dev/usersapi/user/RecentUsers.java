package dev.usersapi.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

/**
 * Users this instance has recently read or created, kept in its own memory in front of Redis.
 *
 * <p>Safe only because the API never changes or deletes a user once created: a copy can be
 * missing, never out of date. An endpoint that updates or deletes users must evict here (and on
 * every other instance) or remove this tier. Without it every cached read costs a Redis round
 * trip, which on the 2-core bench machine held cached reads to about 20 % of the service's own
 * ceiling (bench/tuning/README.md, round 3).
 */
@Component
class RecentUsers {

    static final String METRIC_NAME = "users-local";

    private final Cache<Long, User> copies;
    private final boolean enabled;

    RecentUsers(RecentUsersSettings settings, MeterRegistry meters) {
        // Caffeine evicts asynchronously, so a size of 0 would still hold entries for a moment.
        this.enabled = settings.maxEntries() > 0;
        this.copies = Caffeine.newBuilder()
                .maximumSize(settings.maxEntries())
                .expireAfterWrite(settings.ttl())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meters, copies, METRIC_NAME);
    }

    /** The user, or null when this instance holds no copy. */
    User get(long id) {
        return copies.getIfPresent(id);
    }

    void remember(User user) {
        if (enabled) {
            copies.put(user.id(), user);
        }
    }
}
