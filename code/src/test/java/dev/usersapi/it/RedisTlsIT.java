package dev.usersapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.usersapi.cache.RedisResilienceConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The service's Redis client as application.yaml configures it with {@code REDIS_TLS=true} (as in
 * EKS, against ElastiCache with in-transit encryption), against a TLS-only Redis whose certificate
 * comes from a CA of the test's own: the client must check the certificate and the host name it
 * names, not merely encrypt. In EKS the JVM's trust store holds the CAs of ElastiCache's
 * certificates, so the service sets no trust store of its own; the tests that must connect add
 * the test CA through a Spring SSL bundle, which changes whom the client trusts, not whether it checks.
 */
class RedisTlsIT {

    private static final String SERVER_NAME = "localhost";
    private static final String PASSWORD = "test-only-password";
    private static final TestCertificateAuthority REDIS_CA = TestCertificateAuthority.create("users-api test Redis CA");

    private static GenericContainer<?> redis;

    @TempDir
    static Path certificates;

    @BeforeAll
    static void startTlsOnlyRedis() {
        var server = REDIS_CA.issueServerCertificate(SERVER_NAME);
        redis = server.copyInto(new GenericContainer<>("redis:7"))
                .withCommand("redis-server", "--port", "0", "--tls-port", "6379",
                        "--tls-cert-file", "/tls/server.crt", "--tls-key-file", "/tls/server.key",
                        "--tls-ca-cert-file", "/tls/ca.crt", "--tls-auth-clients", "no", "--requirepass", PASSWORD)
                .withExposedPorts(6379)
                .waitingFor(Wait.forSuccessfulCommand("redis-cli -h " + SERVER_NAME + " --tls --cacert /tls/ca.crt"
                        + " --no-auth-warning -a " + PASSWORD + " ping | grep -q PONG")
                        .withStartupTimeout(Duration.ofSeconds(30)));
        redis.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void theServicesTlsSettingRefusesACertificateTheJvmDoesNotTrust() {
        // Exactly the EKS settings: REDIS_TLS=true and the JVM's own trust store, which lacks the test CA.
        client(SERVER_NAME, Map.of()).run(context -> {
            assertThat(context).hasNotFailed();
            var connections = context.getBean(RedisConnectionFactory.class);
            assertThat(handshakeFailure(() -> ping(connections))).hasMessageContaining("PKIX path building failed");
        });
    }

    @Test
    void aTrustedCertificateForTheHostConnects() throws IOException {
        client(SERVER_NAME, trustingTheTestCa()).run(context ->
                assertThat(ping(context.getBean(RedisConnectionFactory.class))).isEqualTo("PONG"));
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws IOException {
        // The certificate names localhost only: the same server reached as 127.0.0.1 is not proven.
        client("127.0.0.1", trustingTheTestCa()).run(context -> {
            var connections = context.getBean(RedisConnectionFactory.class);
            assertThat(handshakeFailure(() -> ping(connections))).hasMessageContaining("127.0.0.1");
        });
    }

    /** The TLS handshake failure somewhere in the cause chain of what the call threw. */
    private static Throwable handshakeFailure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the connection must fail").isNotNull();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof SSLHandshakeException) {
                return cause;
            }
        }
        throw new AssertionError("no TLS handshake failure behind " + thrown, thrown);
    }

    private static String ping(RedisConnectionFactory connections) {
        try (var connection = connections.getConnection()) {
            return connection.ping();
        }
    }

    /** Test-only properties: a PEM SSL bundle with the test CA, used by the Redis client. */
    private static Map<String, Object> trustingTheTestCa() throws IOException {
        Path ca = REDIS_CA.writeCertificate(certificates.resolve("redis-ca.pem"));
        return Map.of(
                "spring.ssl.bundle.pem.test-redis-ca.truststore.certificate", "file:" + ca,
                "spring.data.redis.ssl.bundle", "test-redis-ca");
    }

    /** Spring Boot's Redis client with the service's own Lettuce options and application.yaml's settings. */
    private static ApplicationContextRunner client(String host, Map<String, Object> testProperties) {
        Map<String, Object> variables = new HashMap<>(Map.of(
                "REDIS_HOST", host,
                "REDIS_PORT", redis.getMappedPort(6379),
                "REDIS_TLS", "true",
                "REDIS_PASSWORD", PASSWORD,
                "REDIS_CONNECT_TIMEOUT_MS", "2000"));
        variables.putAll(testProperties);
        return new ApplicationContextRunner()
                .withInitializer(context -> ApplicationYaml.addTo(context.getEnvironment(), variables))
                .withConfiguration(AutoConfigurations.of(
                        SslAutoConfiguration.class, DataRedisAutoConfiguration.class, CacheAutoConfiguration.class))
                .withUserConfiguration(RedisResilienceConfiguration.class);
    }
}
