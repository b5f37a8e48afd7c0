package dev.usersapi.aot;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AotTrainingMigrationTest {

    private final Flyway flyway = mock(Flyway.class);

    @Test
    void migratesAtEveryStart() {
        new AotTrainingMigration().migrateUnlessTraining(new MockEnvironment()).migrate(flyway);

        verify(flyway).migrate();
    }

    @Test
    void skipsMigrationsInTheTrainingRunWhichHasNoDatabase() {
        new AotTrainingMigration().migrateUnlessTraining(new MockEnvironment().withProperty("app.aot-training", "true"))
                .migrate(flyway);

        verify(flyway, never()).migrate();
    }
}
