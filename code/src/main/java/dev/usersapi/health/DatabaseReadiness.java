package dev.usersapi.health;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;

/**
 * Whether PostgreSQL answers, over one connection of the check's own. Spring Boot's db check
 * borrows from the requests' pool, so under overload it queued behind them for up to the pool's
 * 2 s timeout (1.5-1.9 s measured at 512 connections of POST load, against 0.5 s for liveness),
 * the readiness probe's own timeout: a busy pod with a healthy database would have left the load
 * balancer. Readiness asks whether the database is reachable, not whether the pool is busy.
 */
public class DatabaseReadiness implements HealthIndicator, DisposableBean {

    private final HikariDataSource connection;
    private final DataSourceHealthIndicator check;

    public DatabaseReadiness(DataSourceProperties database) {
        // The application pool's URL, driver and credentials, through Spring Boot's own builder.
        // Configured but not started: the builder uses the no-argument constructor, which opens the
        // pool at the first check, so a start without a reachable database (the AOT training run)
        // opens nothing.
        connection = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        connection.setPoolName("users-db-readiness");
        connection.setMaximumPoolSize(1);
        connection.setMinimumIdle(1);
        connection.setConnectionTimeout(1000);
        connection.setValidationTimeout(500);
        connection.setInitializationFailTimeout(-1);
        this.check = new DataSourceHealthIndicator(connection, null);
    }

    @Override
    public Health health() {
        return check.health();
    }

    @Override
    public void destroy() {
        connection.close();
    }
}
