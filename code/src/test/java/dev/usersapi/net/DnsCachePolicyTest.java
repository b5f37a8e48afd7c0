package dev.usersapi.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.Security;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsCachePolicyTest {

    private String ttl;
    private String negativeTtl;

    @BeforeEach
    void remember() {
        ttl = Security.getProperty("networkaddress.cache.ttl");
        negativeTtl = Security.getProperty("networkaddress.cache.negative.ttl");
    }

    @AfterEach
    void restore() {
        Security.setProperty("networkaddress.cache.ttl", ttl == null ? "-1" : ttl);
        Security.setProperty("networkaddress.cache.negative.ttl", negativeTtl == null ? "10" : negativeTtl);
    }

    @Test
    void defaultsAreShortEnoughToFollowARestartedDatabase() {
        DnsCachePolicy.apply(Map.of());

        assertThat(Security.getProperty("networkaddress.cache.ttl")).isEqualTo("5");
        assertThat(Security.getProperty("networkaddress.cache.negative.ttl")).isEqualTo("1");
    }

    @Test
    void environmentOverridesBoth() {
        DnsCachePolicy.apply(Map.of("DNS_CACHE_TTL_SECONDS", "60", "DNS_CACHE_NEGATIVE_TTL_SECONDS", " 0 "));

        assertThat(Security.getProperty("networkaddress.cache.ttl")).isEqualTo("60");
        assertThat(Security.getProperty("networkaddress.cache.negative.ttl")).isEqualTo("0");
    }

    @Test
    void blankValuesFallBackToTheDefaults() {
        DnsCachePolicy.apply(Map.of("DNS_CACHE_TTL_SECONDS", "", "DNS_CACHE_NEGATIVE_TTL_SECONDS", " "));

        assertThat(Security.getProperty("networkaddress.cache.ttl")).isEqualTo("5");
        assertThat(Security.getProperty("networkaddress.cache.negative.ttl")).isEqualTo("1");
    }

    @Test
    void refusesValuesThatAreNotSecondsNamingTheVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DnsCachePolicy.apply(Map.of("DNS_CACHE_TTL_SECONDS", "5s")))
                .withMessageContaining("DNS_CACHE_TTL_SECONDS").withMessageContaining("'5s'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DnsCachePolicy.apply(Map.of("DNS_CACHE_NEGATIVE_TTL_SECONDS", "-1")))
                .withMessageContaining("DNS_CACHE_NEGATIVE_TTL_SECONDS");
    }
}
