package dev.usersapi.aot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AotTrainingRunTest {

    @Test
    void isOffUnlessTheImageBuildAsksForIt() {
        assertThat(AotTrainingRun.requested(new MockEnvironment())).isFalse();
        assertThat(AotTrainingRun.requested(new MockEnvironment().withProperty("app.aot-training", "false"))).isFalse();
    }

    @Test
    void isOnWithTheTrainingProperty() {
        assertThat(AotTrainingRun.requested(new MockEnvironment().withProperty("app.aot-training", "true"))).isTrue();
    }
}
