package dev.usersapi.it;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Real PostgreSQL and Redis, from the same images as docker-compose.yml, started once per test JVM.
 *
 * <p>Host ports are fixed (picked free at start) so a container can be stopped and started again
 * mid-test, as an outage would, and come back on the address the application already uses.
 */
final class ServiceContainers {

    // -h forces TCP: the official entrypoint's init-time server listens on the socket only.
    private static final String POSTGRES_READY = "pg_isready -h 127.0.0.1 -U users -d users_test";
    private static final String REDIS_READY = "redis-cli ping | grep -q PONG";

    static final GenericContainer<?> POSTGRES = withFixedPort(new GenericContainer<>("postgres:17"), 5432)
            .withEnv("POSTGRES_DB", "users_test")
            .withEnv("POSTGRES_USER", "users")
            .withEnv("POSTGRES_PASSWORD", "test-only-password")
            .waitingFor(Wait.forSuccessfulCommand(POSTGRES_READY)
                    .withStartupTimeout(Duration.ofSeconds(90)));

    static final GenericContainer<?> REDIS = withFixedPort(new GenericContainer<>("redis:7"), 6379)
            .waitingFor(Wait.forSuccessfulCommand(REDIS_READY).withStartupTimeout(Duration.ofSeconds(30)));

    static {
        POSTGRES.start();
        REDIS.start();
    }

    private ServiceContainers() {
    }

    static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + POSTGRES.getMappedPort(5432) + "/users_test";
    }

    static void stop(GenericContainer<?> container) {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).withTimeout(5).exec();
    }

    /** Starts a stopped container again and waits with the same readiness check as its first start. */
    static void start(GenericContainer<?> container) throws Exception {
        String readyCommand = container == POSTGRES ? POSTGRES_READY : REDIS_READY;
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (container.execInContainer("sh", "-c", readyCommand).getExitCode() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(container.getDockerImageName() + " did not become ready again");
    }

    private static GenericContainer<?> withFixedPort(GenericContainer<?> container, int containerPort) {
        int hostPort = freePort();
        return container
                .withExposedPorts(containerPort)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(hostPort), new ExposedPort(containerPort))));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
