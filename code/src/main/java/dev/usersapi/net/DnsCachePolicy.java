package dev.usersapi.net;

import java.security.Security;
import java.util.Map;

/**
 * How long the JVM trusts DNS answers. Its defaults (30 s for a hit, 10 s for a failed lookup)
 * outlive the events this service must ride out: a database container or Aurora writer that comes
 * back on another address, or a name that did not resolve while its host was down. With the
 * default negative TTL the service kept answering 503 for up to 10 s after PostgreSQL was healthy
 * again. Must run before the first lookup: the JVM reads these properties once.
 */
public final class DnsCachePolicy {

    static final String TTL_VARIABLE = "DNS_CACHE_TTL_SECONDS";
    static final String NEGATIVE_TTL_VARIABLE = "DNS_CACHE_NEGATIVE_TTL_SECONDS";
    static final int DEFAULT_TTL_SECONDS = 5;
    static final int DEFAULT_NEGATIVE_TTL_SECONDS = 1;

    private DnsCachePolicy() {
    }

    /** Sets the JVM's DNS cache TTLs from the environment (or the defaults above). */
    public static void apply(Map<String, String> environment) {
        Security.setProperty("networkaddress.cache.ttl",
                Integer.toString(seconds(environment, TTL_VARIABLE, DEFAULT_TTL_SECONDS)));
        Security.setProperty("networkaddress.cache.negative.ttl",
                Integer.toString(seconds(environment, NEGATIVE_TTL_VARIABLE, DEFAULT_NEGATIVE_TTL_SECONDS)));
    }

    private static int seconds(Map<String, String> environment, String variable, int fallback) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(
                variable + " must be a whole number of seconds, 0 or more (got '" + value + "')");
    }
}
