package dev.usersapi.cache;

/** A value read through the cache, and whether Redis already had it. */
public record CacheRead<T>(T value, boolean hit) {

    public static final String HEADER = "X-Cache";

    public String headerValue() {
        return hit ? "HIT" : "MISS";
    }
}
