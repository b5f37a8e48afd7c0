package dev.usersapi.info;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the service says about itself, once: served by {@code GET /} and used for the OpenAPI title. */
@Configuration(proxyBeanMethods = false)
class ServiceInfoConfiguration {

    @Bean
    ServiceInfo serviceInfo(CompanyProperties company, ObjectProvider<BuildProperties> build) {
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("dev");
        return new ServiceInfo(company.companyName(), "users-api", version, "/docs");
    }

    @Bean
    OpenAPI usersApiOpenApi(ServiceInfo service) {
        return new OpenAPI().info(new Info()
                .title(service.company() + " Users API")
                .version(service.version())
                .description("""
                        Users service of %s: create users, read one by id, and list them in pages.
                        Reads are served cache-aside from Redis, users by id also from the instance's memory \
                        (`X-Cache: HIT|MISS`); PostgreSQL is \
                        the system of record. Errors are RFC 9457 `application/problem+json`."""
                        .formatted(service.company())));
    }
}
