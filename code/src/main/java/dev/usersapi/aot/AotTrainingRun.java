package dev.usersapi.aot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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
 * other outcome fails the run, and with it the image build.
 */
@Component
@ConditionalOnBooleanProperty("app.aot-training")
class AotTrainingRun implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(AotTrainingRun.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String JSON = "application/json";

    /** A request of the training and the statuses it may get with no database and no Redis. */
    record Step(String method, String port, String path, String body, List<Integer> expected) {
    }

    static final List<Step> STEPS = List.of(
            new Step("GET", "server", "/", null, List.of(200)),
            new Step("GET", "management", "/actuator/health/liveness", null, List.of(200)),
            new Step("GET", "management", "/actuator/health/readiness", null, List.of(503)),
            new Step("GET", "server", "/users/1", null, List.of(503)),
            new Step("GET", "server", "/users?limit=5&offset=0", null, List.of(503)),
            new Step("POST", "server", "/users", "{\"name\":\"Training\",\"email\":\"training@example.com\"}", List.of(503)),
            new Step("POST", "server", "/users", "{\"name\":\"\",\"email\":\"not-an-email\"}", List.of(422)),
            new Step("POST", "server", "/users", "{", List.of(400)),
            new Step("GET", "server", "/users/abc", null, List.of(400)),
            new Step("GET", "server", "/openapi.json", null, List.of(200)),
            new Step("GET", "management", "/actuator/prometheus", null, List.of(200)));

    private final Environment environment;

    AotTrainingRun(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Map<String, String> ports = Map.of(
                "server", environment.getRequiredProperty("local.server.port"),
                "management", environment.getRequiredProperty("local.management.port"));
        List<String> unexpected = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            for (Step step : STEPS) {
                int status = send(client, ports.get(step.port()), step);
                if (!step.expected().contains(status)) {
                    unexpected.add("%s %s -> %d (expected %s)".formatted(step.method(), step.path(), status, step.expected()));
                }
            }
        }
        if (unexpected.isEmpty()) {
            log.info("AOT training run: {} requests answered as expected; exiting", STEPS.size());
        } else {
            log.error("AOT training run: unexpected answers: {}", unexpected);
        }
        int code = SpringApplication.exit(event.getApplicationContext(), () -> unexpected.isEmpty() ? 0 : 1);
        System.exit(code);
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
