package dev.usersapi.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;

class UsersApiIT extends IntegrationTestBase {

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    DataSource dataSource;

    @Test
    void rootShowsTheCompanyAndTheSpecIsTitledWithIt() throws Exception {
        assertThat(body(get("/")).get("company").asString()).isEqualTo("Integration Test Corp");
        assertThat(body(get("/openapi.json")).at("/info/title").asString()).contains("Integration Test Corp");
        assertThat(get("/docs").statusCode()).isIn(200, 302);
    }

    @Test
    void theSpecDescribesAListPageAsAnArrayOfUsers() throws Exception {
        JsonNode page = body(get("/openapi.json")).at("/paths/~1users/get/responses/200/content/application~1json/schema");
        assertThat(page.get("type").asString()).isEqualTo("array");
        assertThat(page.at("/items/$ref").asString()).isEqualTo("#/components/schemas/User");
    }

    @Test
    void theSchemaComesFromSqlSchemaSql() {
        Integer tables = jdbc.sql("SELECT count(*) FROM information_schema.tables WHERE table_name = 'users'")
                .query(Integer.class).single();
        String migration = jdbc.sql("SELECT description FROM flyway_schema_history WHERE version = '1'")
                .query(String.class).single();
        assertThat(tables).isEqualTo(1);
        assertThat(migration).isEqualTo("Create users schema");
    }

    @Test
    void createThenReadByIdAndInTheList() throws Exception {
        String email = uniqueEmail();
        HttpResponse<String> created = createUser("Grace Hopper", email);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode user = body(created);
        long id = user.get("id").asLong();
        assertThat(created.headers().firstValue("Location")).contains("/users/" + id);

        HttpResponse<String> read = get("/users/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(body(read)).isEqualTo(user);
        assertThat(cacheHeader(read)).as("write-through caches a new user at once").isEqualTo("HIT");
        assertThat(read.headers().firstValue("Content-Length")).as("sent whole, not chunked after an early flush")
                .contains(Integer.toString(read.body().getBytes(StandardCharsets.UTF_8).length));

        assertThat(idsIn(get("/users?limit=100&offset=" + Math.max(0, countUsers() - 100)))).contains(id);
        Long stored = jdbc.sql("SELECT count(*) FROM users WHERE email = :e").param("e", email).query(Long.class).single();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    void readByIdMissesThenHitsAndFillsRedis() throws Exception {
        long id = insertBehindTheService("Cold Cache");

        HttpResponse<String> first = get("/users/" + id);
        HttpResponse<String> second = get("/users/" + id);

        assertThat(cacheHeader(first)).isEqualTo("MISS");
        assertThat(cacheHeader(second)).isEqualTo("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(redisHoldsUser(id)).as("the miss stored the user in Redis for the other instances").isTrue();
    }

    @Test
    void aUserCachedOnlyInRedisIsAHit() throws Exception {
        long id = insertBehindTheService("Cached Elsewhere");
        // another instance cached it: the same JSON under the same key, written by redis-cli
        String cached = json.writeValueAsString(Map.of("id", id, "name", "Cached Elsewhere",
                "email", "elsewhere@example.com", "created_at", "2026-11-26T09:00:00Z"));
        assertThat(ServiceContainers.REDIS.execInContainer("redis-cli", "SET", redisUserKey(id), cached)
                .getExitCode()).isZero();

        HttpResponse<String> read = get("/users/" + id);

        assertThat(cacheHeader(read)).isEqualTo("HIT");
        assertThat(body(read).get("email").asString()).as("served from Redis, not the table").isEqualTo("elsewhere@example.com");
    }

    @Test
    void listPagesAreCachedAndInvalidatedByACreate() throws Exception {
        createUser("Page Filler", uniqueEmail());
        long offset = Math.max(0, countUsers() - 5);
        String page = "/users?limit=50&offset=" + offset;

        HttpResponse<String> first = get(page);
        HttpResponse<String> cached = get(page);
        assertThat(cacheHeader(cached)).isEqualTo("HIT");
        assertThat(cached.body()).as("the cached body is the page as first sent").isEqualTo(first.body());
        assertThat(cached.headers().firstValue("Content-Type")).contains("application/json");

        long newId = body(createUser("Newcomer", uniqueEmail())).get("id").asLong();
        HttpResponse<String> afterCreate = get(page);

        assertThat(cacheHeader(afterCreate)).isEqualTo("MISS");
        assertThat(idsIn(afterCreate)).contains(newId).isSorted();
    }

    @Test
    void listIsOrderedByIdAndBounded() throws Exception {
        for (int i = 0; i < 3; i++) {
            createUser("Order " + i, uniqueEmail());
        }
        List<Long> ids = idsIn(get("/users?limit=100"));
        assertThat(ids).isSorted().hasSizeLessThanOrEqualTo(100);
        assertThat(idsIn(get("/users"))).hasSizeLessThanOrEqualTo(20);
        assertThat(get("/users?limit=101").statusCode()).isEqualTo(400);
    }

    @Test
    void duplicateEmailRaceHasExactlyOneWinner() throws Exception {
        String email = uniqueEmail();
        int contenders = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < contenders; i++) {
                String name = "Racer " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return createUser(name, email);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> result : results) {
                HttpResponse<String> response = result.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 409) {
                    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
                }
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        }
        assertThat(createUser("Shouter", email.toUpperCase()).statusCode())
                .as("emails are unique whatever their case").isEqualTo(409);
    }

    /**
     * 40 rounds, because the race this guards against is rare in one: with Spring Data Redis's
     * default asynchronous cache writes, 12 of 200 rounds loaded twice (a reader checked Redis
     * after the leader's flight had ended but before its write had landed).
     */
    @Test
    void concurrentMissesOnOneIdReachTheDatabaseOnce() throws Exception {
        for (int round = 0; round < 40; round++) {
            long id = insertBehindTheService("Thundering Herd " + round);
            double loadsBefore = databaseLoads();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 24; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return get("/users/" + id);
                    }));
                }
                start.countDown();
                for (Future<HttpResponse<String>> result : results) {
                    assertThat(result.get().statusCode()).isEqualTo(200);
                }
            }
            assertThat(databaseLoads() - loadsBefore).as("database loads in round %d", round).isEqualTo(1.0);
        }
    }

    @Test
    void errorsAreProblemJson() throws Exception {
        HttpResponse<String> unknown = get("/users/987654321");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
        // An undecodable URL is refused by Tomcat itself, before Spring; it must still be problem+json.
        String raw = rawRequest("GET /users/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(createUser("", "bad").statusCode()).isEqualTo(422);
    }

    @Test
    void managementPortServesProbesAndMetrics() throws Exception {
        assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(management("/actuator/prometheus").body()).contains("users_cache_requests_total");
        assertThat(get("/actuator/health").statusCode()).as("actuator is not on the API port").isEqualTo(404);
    }

    /** Readiness asks whether the database answers, not whether the requests' pool has a free connection. */
    @Test
    void readinessStaysUpWhileEveryPooledConnectionIsBusy() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                held.add(pool.getConnection());
            }
            assertThat(pool.getHikariPoolMXBean().getIdleConnections()).as("the pool is exhausted").isZero();

            assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void idleKeepAliveConnectionsOutliveTheAlbIdleTimeout() {
        // Tomcat's own default (its 60 s connection timeout) equals the ALB's idle timeout: then both
        // ends may close an idle connection at once, and a request the ALB sends into it gets a 502.
        var protocol = (AbstractHttp11Protocol<?>) ((TomcatWebServer) context.getWebServer())
                .getTomcat().getConnector().getProtocolHandler();
        assertThat(protocol.getKeepAliveTimeout()).as("keep-alive timeout, ms").isEqualTo(75_000);
    }

    private String rawRequest(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private double databaseLoads() {
        var counter = meters.find("users.cache.requests").tag("cache", "users").tag("result", "load").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<Long> idsIn(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return StreamSupport.stream(body(response).spliterator(), false).map(u -> u.get("id").asLong()).toList();
    }
}
