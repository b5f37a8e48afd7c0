package dev.usersapi.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

class LogFormatEnvironmentPostProcessorTest {

    private final LogFormatEnvironmentPostProcessor processor = new LogFormatEnvironmentPostProcessor();

    private String formatFor(MockEnvironment environment) {
        processor.postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty(LogFormatEnvironmentPostProcessor.PROPERTY);
    }

    @ParameterizedTest
    @CsvSource({"json,ecs", "JSON,ecs", "text,''", "logstash,logstash", "gelf,gelf", "ecs,ecs"})
    void mapsTheFriendlyNames(String logFormat, String expected) {
        assertThat(formatFor(new MockEnvironment().withProperty("LOG_FORMAT", logFormat))).isEqualTo(expected);
    }

    @Test
    void defaultsToJson() {
        assertThat(formatFor(new MockEnvironment())).isEqualTo("ecs");
    }

    @Test
    void rejectsUnknownFormatsClearly() {
        assertThatThrownBy(() -> formatFor(new MockEnvironment().withProperty("LOG_FORMAT", "xml")))
                .hasMessageContaining("LOG_FORMAT must be one of");
    }

    @Test
    void anExplicitSettingWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("LOG_FORMAT", "json");
        environment.getPropertySources().addFirst(
                new MapPropertySource("explicit", Map.of(LogFormatEnvironmentPostProcessor.PROPERTY, "logstash")));
        assertThat(formatFor(environment)).isEqualTo("logstash");
    }
}
