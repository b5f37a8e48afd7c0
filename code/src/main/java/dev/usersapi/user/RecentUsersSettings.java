package dev.usersapi.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tunables of the in-process tier in front of Redis for users read by id.
 *
 * @param ttl how long a user stays in this instance's memory (CACHE_LOCAL_TTL_SECONDS); it only
 *     bounds how long a change made to the table behind the API's back can go unseen
 * @param maxEntries how many users one instance keeps (CACHE_LOCAL_MAX_ENTRIES); 0 turns the tier off
 */
@ConfigurationProperties("app.recent-users")
record RecentUsersSettings(Duration ttl, long maxEntries) {
}
