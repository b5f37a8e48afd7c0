package dev.usersapi.logging;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps {@code LOG_FORMAT} to Spring Boot's structured console logging before logging starts:
 * {@code json} (default) writes one ECS JSON object per line, {@code text} the classic pattern;
 * {@code ecs}, {@code logstash} and {@code gelf} pick that structured format. Anything else fails
 * the start with a clear message instead of a class-loading error.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String PROPERTY = "logging.structured.format.console";
    private static final Map<String, String> FORMATS = Map.of(
            "json", "ecs", "ecs", "ecs", "logstash", "logstash", "gelf", "gelf", "text", "");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(PROPERTY)) {
            return; // set explicitly (e.g. by tests): leave it alone
        }
        String requested = environment.getProperty("LOG_FORMAT", "json").strip().toLowerCase(Locale.ROOT);
        String format = FORMATS.get(requested.isEmpty() ? "text" : requested);
        if (format == null) {
            throw new IllegalArgumentException(
                    "LOG_FORMAT must be one of json, text, ecs, logstash, gelf (was '" + requested + "')");
        }
        environment.getPropertySources().addLast(new MapPropertySource("logFormat", Map.of(PROPERTY, format)));
    }
}
