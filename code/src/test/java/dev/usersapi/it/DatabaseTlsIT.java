package dev.usersapi.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * The service's JDBC URL (application.yaml, filled from the environment as in EKS) against a
 * PostgreSQL that, like Aurora with {@code rds.force_ssl}, accepts TLS connections only, with a
 * certificate from its own CA, as RDS's are. {@code POSTGRES_SSLMODE=verify-full} with
 * {@code POSTGRES_SSLROOTCERT} naming that CA must connect; another CA, or a host name the
 * certificate does not name, must not.
 */
class DatabaseTlsIT {

    private static final String SERVER_NAME = "localhost";
    private static final String PASSWORD = "test-only-password";

    /** Runs once at initdb as the postgres user: TLS on, and host connections without TLS refused. */
    private static final String ENABLE_TLS = """
            #!/bin/bash
            set -eu
            install -m 0600 /tls/server.key "$PGDATA/server.key"
            install -m 0644 /tls/server.crt "$PGDATA/server.crt"
            printf "ssl = on\\nssl_cert_file = 'server.crt'\\nssl_key_file = 'server.key'\\n" >>"$PGDATA/postgresql.conf"
            sed -i 's/^host all all all/hostssl all all all/' "$PGDATA/pg_hba.conf"
            grep -q '^hostssl all all all' "$PGDATA/pg_hba.conf"
            """;

    private static final TestCertificateAuthority DATABASE_CA = TestCertificateAuthority.create("users-api test database CA");

    private static GenericContainer<?> postgres;

    @TempDir
    static Path certificates;

    @BeforeAll
    static void startTlsOnlyPostgres() {
        var server = DATABASE_CA.issueServerCertificate(SERVER_NAME);
        postgres = server.copyInto(new GenericContainer<>("postgres:17"))
                .withEnv("POSTGRES_DB", "users_tls")
                .withEnv("POSTGRES_USER", "users")
                .withEnv("POSTGRES_PASSWORD", PASSWORD)
                .withCopyToContainer(Transferable.of(ENABLE_TLS, 0755), "/docker-entrypoint-initdb.d/10-tls.sh")
                .withExposedPorts(5432)
                .waitingFor(Wait.forSuccessfulCommand("pg_isready -h 127.0.0.1 -U users -d users_tls")
                        .withStartupTimeout(Duration.ofSeconds(90)));
        postgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void verifyFullWithTheDatabasesCaConnectsOverTls() throws Exception {
        String url = applicationJdbcUrl(SERVER_NAME, "verify-full",
                DATABASE_CA.writeCertificate(certificates.resolve("database-ca.pem")));

        assertThat(url).contains("sslmode=verify-full").contains("sslrootcert=");
        assertThat(connectionUsesTls(url)).isTrue();
    }

    @Test
    void verifyFullRefusesACertificateFromAnotherCa() throws Exception {
        Path otherCa = TestCertificateAuthority.create("some other CA").writeCertificate(certificates.resolve("other-ca.pem"));
        String url = applicationJdbcUrl(SERVER_NAME, "verify-full", otherCa);

        assertThatThrownBy(() -> connectionUsesTls(url)).isInstanceOf(SQLException.class)
                .hasCauseInstanceOf(SSLException.class);
    }

    @Test
    void verifyFullRefusesAHostNameTheCertificateDoesNotName() throws Exception {
        // The certificate names localhost only: the same server reached as 127.0.0.1 is not proven.
        String url = applicationJdbcUrl("127.0.0.1", "verify-full",
                DATABASE_CA.writeCertificate(certificates.resolve("database-ca.pem")));

        assertThatThrownBy(() -> connectionUsesTls(url)).isInstanceOf(SQLException.class)
                .hasMessageContaining("hostname 127.0.0.1 could not be verified");
    }

    @Test
    void verifyFullWithoutARootCertificateFailsInsteadOfConnecting() throws Exception {
        String url = applicationJdbcUrl(SERVER_NAME, "verify-full", null);

        assertThatThrownBy(() -> connectionUsesTls(url)).isInstanceOf(SQLException.class)
                .hasMessageContaining("root certificate");
    }

    @Test
    void requireWithoutARootCertificateEncryptsWithoutVerifying() throws Exception {
        // The empty POSTGRES_SSLROOTCERT default must not disturb the modes that verify nothing.
        String url = applicationJdbcUrl(SERVER_NAME, "require", null);

        assertThat(url).contains("sslrootcert=&");
        assertThat(connectionUsesTls(url)).isTrue();
    }

    private static boolean connectionUsesTls(String url) throws SQLException {
        try (var connection = DriverManager.getConnection(url, "users", PASSWORD);
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(result.next()).isTrue();
            return result.getBoolean(1);
        }
    }

    /** spring.datasource.url as application.yaml builds it from these environment variables. */
    private static String applicationJdbcUrl(String host, String sslMode, Path rootCertificate) {
        Map<String, Object> variables = new HashMap<>(Map.of(
                "POSTGRES_HOST", host,
                "POSTGRES_PORT", postgres.getMappedPort(5432),
                "POSTGRES_DB", "users_tls",
                "POSTGRES_SSLMODE", sslMode));
        if (rootCertificate != null) {
            variables.put("POSTGRES_SSLROOTCERT", rootCertificate.toString());
        }
        return ApplicationYaml.withEnvironmentVariables(variables).getRequiredProperty("spring.datasource.url");
    }
}
