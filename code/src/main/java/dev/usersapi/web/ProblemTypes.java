package dev.usersapi.web;

import java.net.URI;

/** The problem types this API defines beyond plain HTTP statuses (RFC 9457 section 4). */
final class ProblemTypes {

    static final URI VALIDATION = URI.create("urn:users-api:problem:validation");
    static final URI MALFORMED_BODY = URI.create("urn:users-api:problem:malformed-body");
    static final URI DUPLICATE_EMAIL = URI.create("urn:users-api:problem:duplicate-email");
    static final URI USER_NOT_FOUND = URI.create("urn:users-api:problem:user-not-found");
    static final URI BODY_TOO_LARGE = URI.create("urn:users-api:problem:body-too-large");
    static final URI DEPENDENCY_UNAVAILABLE = URI.create("urn:users-api:problem:dependency-unavailable");

    private ProblemTypes() {
    }
}
