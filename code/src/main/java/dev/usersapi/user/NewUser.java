package dev.usersapi.user;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Schema(description = "The body of POST /users")
public record NewUser(
        @Schema(example = "Ada Lovelace", maxLength = NewUser.NAME_MAX)
        @NotBlank @Size(max = NAME_MAX) String name,
        @Schema(example = "ada@example.com", maxLength = NewUser.EMAIL_MAX)
        @NotBlank @Email @Size(max = EMAIL_MAX) String email) {

    static final int NAME_MAX = 100;
    static final int EMAIL_MAX = 254;

    /** Surrounding whitespace is never meaningful in either field. */
    NewUser normalized() {
        return new NewUser(name.strip(), email.strip());
    }
}
