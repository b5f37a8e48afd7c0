package dev.usersapi.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The service's application.yaml, filled from the given environment variables instead of the machine's. */
final class ApplicationYaml {

    private ApplicationYaml() {
    }

    static StandardEnvironment withEnvironmentVariables(Map<String, Object> variables) {
        var environment = new StandardEnvironment();
        addTo(environment, variables);
        return environment;
    }

    /** Puts the variables first and application.yaml last in the environment's property sources. */
    static void addTo(ConfigurableEnvironment environment, Map<String, Object> variables) {
        var sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addFirst(new MapPropertySource("environment variables of the test", variables));
        try {
            new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                    .forEach(sources::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
