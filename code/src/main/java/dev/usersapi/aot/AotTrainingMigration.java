package dev.usersapi.aot;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Migrations run at every start, except in the AOT training run of the image build, which has no
 * database. (Turning Flyway off with {@code spring.flyway.enabled=false} is not an option there:
 * with Spring AOT that condition is settled at build time, for every start.)
 */
@Configuration(proxyBeanMethods = false)
class AotTrainingMigration {

    @Bean
    FlywayMigrationStrategy migrateUnlessTraining(Environment environment) {
        return flyway -> {
            if (!AotTrainingRun.requested(environment)) {
                flyway.migrate();
            }
        };
    }
}
