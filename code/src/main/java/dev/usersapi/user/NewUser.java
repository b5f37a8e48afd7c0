package dev.usersapi.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@Schema(description = "The body of POST /users")
public record NewUser(
        @Schema(example = "Ada Lovelace", minLength = 1, maxLength = NewUser.NAME_MAX)
        @NotBlank @Size(max = NAME_MAX) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String name,
        @Schema(example = "ada@example.com", minLength = 1, maxLength = NewUser.EMAIL_MAX)
        @NotBlank @Email @Size(max = EMAIL_MAX) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String email) {

    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 254;
    /** PostgreSQL text cannot hold U+0000: rejected here (422), not by the database (500). */
    static final String NO_NUL = "^[^\\x00]*$";
    static final String NO_NUL_MESSAGE = "must not contain the NUL character";

    /** Surrounding whitespace is never meaningful in either field. */
    NewUser normalized() {
        return new NewUser(name.strip(), email.strip());
    }
}
