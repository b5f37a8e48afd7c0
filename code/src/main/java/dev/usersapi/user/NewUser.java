package dev.usersapi.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "The body of POST /users")
public record NewUser(
        @Schema(example = "Ada Lovelace", minLength = 1, maxLength = NewUser.NAME_MAX)
        @NotBlank @Size(min = 1, max = NAME_MAX) @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String name,
        @Schema(example = "ada@example.com", minLength = 1, maxLength = NewUser.EMAIL_MAX)
        @NotBlank @Email(regexp = EMAIL_DOMAIN) @Size(min = 1, max = EMAIL_MAX)
        @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String email) {

    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 254;
    /** Whitespace and control characters, U+0000 (NUL) excepted: as a regex character class body. */
    private static final String INVISIBLE = "\\x01-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029"
            + "\\u202f\\u205f\\u3000\\ufeff";
    /**
     * Some visible character, and no U+0000 (PostgreSQL text cannot hold it: that was a 500). The same
     * regex is published in the OpenAPI schema, so clients and fuzzers see what the server accepts.
     * The leading run may hold invisible characters only, so the first visible one ends it: a
     * backtracking matcher then reads each character a bounded number of times. (The earlier
     * {@code ^[^\x00]*[visible][^\x00]*$} tried every split point: 1.7 s of CPU for a 16 KB value
     * ending in NUL.)
     */
    static final String TEXT = "^[" + INVISIBLE + "]*[^\\x00" + INVISIBLE + "][^\\x00]*$";
    static final String TEXT_MESSAGE = "must contain a visible character and no NUL character";
    /** On top of @Email's own checks: a host name with a dot, letters, digits and hyphens only (x@a*b was accepted). */
    static final String EMAIL_DOMAIN = "[^@]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";

    /** Surrounding whitespace is never meaningful in either field. */
    NewUser normalized() {
        return new NewUser(name.strip(), email.strip());
    }
}
