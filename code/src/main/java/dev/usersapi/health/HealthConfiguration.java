package dev.usersapi.health;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

    /** Named like Spring Boot's own db check, which then backs off: the readiness group's "db". */
    @Bean
    DatabaseReadiness dbHealthIndicator(DataSourceProperties database) {
        return new DatabaseReadiness(database);
    }
}
