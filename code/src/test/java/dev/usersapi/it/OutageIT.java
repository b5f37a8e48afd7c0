package dev.usersapi.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Redis and PostgreSQL go away mid-test, as they would in production, and come back. */
class OutageIT extends IntegrationTestBase {

    @Test
    void redisOutageIsServedFromPostgresAndTheCacheRecovers() throws Exception {
        long created = body(createUser("Before Outage", uniqueEmail())).get("id").asLong();
        long unread = insertBehindTheService("Never Read");

        ServiceContainers.stop(ServiceContainers.REDIS);
        try {
            long started = System.nanoTime();
            HttpResponse<String> during = get("/users/" + unread);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(during.statusCode()).isEqualTo(200);
            assertThat(cacheHeader(during)).isEqualTo("MISS");
            assertThat(elapsedMs).as("a dead Redis costs at most a short timeout").isLessThan(2_000);
            assertThat(cacheHeader(get("/users/" + created))).as("this instance's copy needs no Redis").isEqualTo("HIT");

            HttpResponse<String> createdDuring = createUser("During Outage", uniqueEmail());
            assertThat(createdDuring.statusCode()).isEqualTo(201);
            long duringId = body(createdDuring).get("id").asLong();
            assertThat(get("/users?limit=100&offset=" + Math.max(0, duringId - 50)).body()).contains("\"id\":" + duringId);
            assertThat(management("/actuator/health/readiness").statusCode()).as("Redis is not a readiness dependency")
                    .isEqualTo(200);
        } finally {
            ServiceContainers.start(ServiceContainers.REDIS);
        }

        long after = body(createUser("After Outage", uniqueEmail())).get("id").asLong();
        // Each attempt reads a user no cache holds yet; its miss must reach Redis once Redis is back.
        boolean redisFilled = false;
        for (int attempt = 0; attempt < 50 && !redisFilled; attempt++) {
            Thread.sleep(200);
            long probe = insertBehindTheService("Recovery Probe " + attempt);
            assertThat(get("/users/" + probe).statusCode()).isEqualTo(200);
            redisFilled = redisHoldsUser(probe);
        }
        assertThat(redisFilled).as("the cache is written again without a restart").isTrue();
        String page = "/users?limit=100&offset=" + Math.max(0, after - 50);
        get(page);
        assertThat(get(page).body()).as("no stale page after the outage").contains("\"id\":" + after);
    }

    @Test
    void databaseOutageGives503AndTheServiceRecoversWithoutRestart() throws Exception {
        long countBefore = countUsers();

        ServiceContainers.stop(ServiceContainers.POSTGRES);
        try {
            HttpResponse<String> create = createUser("Lost", uniqueEmail());
            assertThat(create.statusCode()).isEqualTo(503);
            assertThat(create.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(create.headers().firstValue("Retry-After")).isPresent();
            assertThat(create.body()).doesNotContain("Exception").doesNotContain("at org.");

            HttpResponse<String> read = get("/users/987654321");
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(503);
            assertThat(management("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            ServiceContainers.start(ServiceContainers.POSTGRES);
        }

        int status = 0;
        for (int attempt = 0; attempt < 50 && status != 201; attempt++) {
            status = createUser("Back", uniqueEmail()).statusCode();
            if (status != 201) {
                Thread.sleep(200);
            }
        }
        assertThat(status).isEqualTo(201);
        assertThat(management("/actuator/health/readiness").statusCode()).isEqualTo(200);
        long countAfter = countUsers();
        assertThat(countAfter).as("the failed create left nothing behind").isEqualTo(countBefore + 1);
    }
}
