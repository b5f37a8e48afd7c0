package dev.usersapi.user;

import java.util.List;

/** One cached page of {@code GET /users}; a wrapper so the cache stores a concrete type. */
public record UserPage(List<User> users) {
}
