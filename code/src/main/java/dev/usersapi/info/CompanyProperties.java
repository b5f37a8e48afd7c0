package dev.usersapi.info;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The company this deployment serves, from {@code COMPANY_NAME}. */
@Validated
@ConfigurationProperties("app")
public record CompanyProperties(@NotBlank String companyName) {
}
