package dev.usersapi.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole application on random ports, over real PostgreSQL and Redis, driven over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.server.port=0",
    "app.company-name=Integration Test Corp",
    "app.cache.retry-after=200ms"})
abstract class IntegrationTestBase {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", ServiceContainers::jdbcUrl);
        registry.add("spring.datasource.username", () -> "users");
        registry.add("spring.datasource.password", () -> "test-only-password");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> ServiceContainers.REDIS.getMappedPort(6379));
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(port, path)).GET());
    }

    HttpResponse<String> management(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(managementPort, path)).GET());
    }

    HttpResponse<String> createUser(String name, String email) throws Exception {
        String body = json.writeValueAsString(java.util.Map.of("name", name, "email", email));
        return send(HttpRequest.newBuilder(uri(port, "/users"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * A user written straight to the table, as another instance would have: neither Redis nor this
     * instance's copies (RecentUsers) know it, so its first read by id is a miss.
     */
    long insertBehindTheService(String name) {
        return jdbc.sql("INSERT INTO users (name, email) VALUES (:name, :email) RETURNING id")
                .param("name", name).param("email", uniqueEmail()).query(Long.class).single();
    }

    /** The Redis key the service caches a user by id under (default prefix, cache "users"). */
    static String redisUserKey(long id) {
        return "users-api:users:" + id;
    }

    /** Whether Redis holds the user under the service's key. */
    static boolean redisHoldsUser(long id) throws Exception {
        var exists = ServiceContainers.REDIS.execInContainer("redis-cli", "EXISTS", redisUserKey(id));
        if (exists.getExitCode() != 0) {
            throw new IllegalStateException("redis-cli EXISTS failed: " + exists.getStderr());
        }
        return exists.getStdout().trim().equals("1");
    }

    long countUsers() {
        return jdbc.sql("SELECT count(*) FROM users").query(Long.class).single();
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    static String cacheHeader(HttpResponse<?> response) {
        return response.headers().firstValue("X-Cache").orElse("<none>");
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
