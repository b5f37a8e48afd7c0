package dev.usersapi.aot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AotTrainingRunTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AotTrainingRun.class);

    @Test
    void isOffUnlessTheImageBuildAsksForIt() {
        context.run(started -> assertThat(started).doesNotHaveBean(AotTrainingRun.class));
        context.withPropertyValues("app.aot-training=false")
                .run(started -> assertThat(started).doesNotHaveBean(AotTrainingRun.class));
    }

    @Test
    void isOnWithTheTrainingProperty() {
        context.withPropertyValues("app.aot-training=true")
                .run(started -> assertThat(started).hasSingleBean(AotTrainingRun.class));
    }
}
