package dev.usersapi.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(description = "A user as stored")
public record User(
        @Schema(example = "42") long id,
        @Schema(example = "Ada Lovelace") String name,
        @Schema(example = "ada@example.com") String email,
        @Schema(example = "2026-11-26T09:30:00.123456Z") @JsonProperty("created_at") Instant createdAt) {
}
