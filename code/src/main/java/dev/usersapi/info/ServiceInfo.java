package dev.usersapi.info;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Who serves this API and where its documentation lives")
public record ServiceInfo(
        @Schema(example = "Acme Corp") @JsonProperty("company") String company,
        @Schema(example = "users-api") @JsonProperty("service") String service,
        @Schema(example = "1.0.0") @JsonProperty("version") String version,
        @Schema(example = "/docs") @JsonProperty("docs") String docs) {
}
