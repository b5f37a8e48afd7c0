package dev.usersapi.aot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The training run of the JVM's AOT cache (code/Dockerfile), on only with {@code app.aot-training=true}.
 * Once started, the service sends itself what a real start and its first traffic cause (probes,
 * the API's read, write and error paths, the OpenAPI document, a metrics scrape), then exits. The
 * cache then holds the classes and profiles of all of that, not only those of the context refresh
 * ({@code spring.context.exit=onRefresh}), which left the web servers, Actuator and the first
 * requests to load at run time. There is no database or Redis at build time: those requests take
 * their failure paths (503, cache skipped), which the service must serve quickly as well. Any
 * other outcome fails the run, and with it the image build. The classes only a live database or
 * Redis would load are loaded from {@link RuntimeClassList} instead.
 */
@Component
class AotTrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(AotTrainingRun.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String JSON = "application/json";

    /** The two ports of the service, by the property that holds each once it listens. */
    enum Port {
        SERVER("local.server.port"), MANAGEMENT("local.management.port");

        private final String property;

        Port(String property) {
            this.property = property;
        }
    }

    /** A request of the training and the status it gets with no database and no Redis. */
    record Step(String method, Port port, String path, String body, int expected) {
    }

    static final List<Step> STEPS = List.of(
            new Step("GET", Port.SERVER, "/", null, 200),
            new Step("GET", Port.MANAGEMENT, "/actuator/health/liveness", null, 200),
            new Step("GET", Port.MANAGEMENT, "/actuator/health/readiness", null, 503),
            new Step("GET", Port.SERVER, "/users/1", null, 503),
            new Step("GET", Port.SERVER, "/users?limit=5&offset=0", null, 503),
            new Step("POST", Port.SERVER, "/users", "{\"name\":\"Training\",\"email\":\"training@example.com\"}", 503),
            new Step("POST", Port.SERVER, "/users", "{\"name\":\"\",\"email\":\"not-an-email\"}", 422),
            new Step("POST", Port.SERVER, "/users", "{", 400),
            new Step("GET", Port.SERVER, "/users/abc", null, 400),
            new Step("GET", Port.SERVER, "/openapi.json", null, 200),
            new Step("GET", Port.MANAGEMENT, "/actuator/prometheus", null, 200));

    private final Environment environment;

    AotTrainingRun(Environment environment) {
        this.environment = environment;
    }

    /**
     * Read at run time, not as a bean condition: with Spring AOT the conditions are settled when
     * the image is built, and this bean must exist in that context for the training run to use it.
     */
    static boolean requested(Environment environment) {
        return environment.getProperty("app.aot-training", Boolean.class, false);
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!requested(environment)) {
            return;
        }
        List<String> unexpected = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            for (Step step : STEPS) {
                int status = send(client, environment.getRequiredProperty(step.port().property), step);
                if (status != step.expected()) {
                    unexpected.add("%s %s -> %d (expected %d)".formatted(step.method(), step.path(), status, step.expected()));
                }
            }
        }
        loadRuntimeClasses();
        if (unexpected.isEmpty()) {
            log.info("AOT training run: {} requests answered as expected; exiting", STEPS.size());
        } else {
            log.error("AOT training run: unexpected answers: {}", unexpected);
        }
        int code = SpringApplication.exit(event.getApplicationContext(), () -> unexpected.isEmpty() ? 0 : 1);
        System.exit(code);
    }

    /** A stale list only costs start-up time, so missing names are reported, not fatal. */
    private void loadRuntimeClasses() {
        try {
            RuntimeClassList.Outcome classes = RuntimeClassList.loadAll(getClass().getClassLoader());
            if (classes.missing().isEmpty()) {
                log.info("AOT training run: loaded the {} classes of {}", classes.loaded(), RuntimeClassList.RESOURCE);
            } else {
                log.warn("AOT training run: loaded {} classes of {}; {} no longer exist (regenerate it with "
                        + "scripts/aot-class-list.sh), e.g. {}", classes.loaded(), RuntimeClassList.RESOURCE,
                        classes.missing().size(), classes.missing().getFirst());
            }
        } catch (IOException e) {
            log.warn("AOT training run: cannot read {}: {}", RuntimeClassList.RESOURCE, e.toString());
        }
    }

    private static int send(HttpClient client, String port, Step step) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + step.path()))
                .timeout(TIMEOUT)
                .header("Accept", "*/*");
        if (step.body() != null) {
            request.header("Content-Type", JSON).method(step.method(), HttpRequest.BodyPublishers.ofString(step.body()));
        } else {
            request.method(step.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            log.error("AOT training run: {} {} failed: {}", step.method(), step.path(), e.toString());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
