package dev.usersapi.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.usersapi.cache.CacheAside;
import dev.usersapi.cache.CacheGuard;
import dev.usersapi.cache.CacheRead;
import dev.usersapi.cache.CacheSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads by id: this instance's copies first, then the shared cache (Redis, here a map), then the
 * database. List pages: the shared cache holds each page's JSON body, keyed by the list generation.
 */
class UserServiceTest {

    private static final User ADA = new User(7, "Ada", "ada@example.com", Instant.parse("2026-11-26T09:00:00Z"));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final UserRepository repository = mock(UserRepository.class);
    private final ConcurrentMapCacheManager shared = new ConcurrentMapCacheManager(UserCaches.BY_ID, UserCaches.PAGES);
    private final Cache sharedById = shared.getCache(UserCaches.BY_ID);
    private final Cache sharedPages = shared.getCache(UserCaches.PAGES);
    private final UserListGeneration listGeneration = mock(UserListGeneration.class);

    private UserService service(long localEntries) {
        CacheGuard guard = new CacheGuard(
                new CacheSettings(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofSeconds(30), "t:"), meters);
        RecentUsers recent = new RecentUsers(new RecentUsersSettings(Duration.ofMinutes(1), localEntries), meters);
        return new UserService(repository, new CacheAside(guard, meters), listGeneration, recent,
                new UserPageBodies(JsonMapper.builder().build()), shared);
    }

    @Test
    void aCreatedUserIsReadFromThisInstanceWithoutTheSharedCacheOrTheDatabase() {
        NewUser request = new NewUser("Ada", "ada@example.com");
        when(repository.insert(request.normalized())).thenReturn(ADA);
        UserService users = service(100);

        users.create(request);
        assertThat(sharedById.get(7L, User.class)).as("write-through to the shared cache").isEqualTo(ADA);
        sharedById.clear();

        assertThat(users.find(7)).isEqualTo(new CacheRead<>(ADA, true));
        verify(repository, times(0)).findById(7);
    }

    @Test
    void creatingAUserRetiresTheCachedListPages() {
        NewUser request = new NewUser("Ada", "ada@example.com");
        when(repository.insert(request.normalized())).thenReturn(ADA);

        service(100).create(request);

        verify(listGeneration).bump();
    }

    @Test
    void aMissIsLoadedOnceThenServedFromThisInstance() {
        when(repository.findById(7)).thenReturn(Optional.of(ADA));
        UserService users = service(100);

        assertThat(users.find(7)).isEqualTo(new CacheRead<>(ADA, false));
        sharedById.clear();
        assertThat(users.find(7)).isEqualTo(new CacheRead<>(ADA, true));

        verify(repository, times(1)).findById(7);
        assertThat(meters.get("cache.gets").tag("cache", RecentUsers.METRIC_NAME).tag("result", "hit")
                .functionCounter().count()).isEqualTo(1.0);
    }

    @Test
    void aSharedCacheHitIsKeptLocallyToo() {
        sharedById.put(7L, ADA);
        UserService users = service(100);

        assertThat(users.find(7)).isEqualTo(new CacheRead<>(ADA, true));
        sharedById.clear();
        assertThat(users.find(7)).isEqualTo(new CacheRead<>(ADA, true));
        verify(repository, times(0)).findById(7);
    }

    @Test
    void withoutLocalEntriesEveryReadGoesToTheSharedCache() {
        when(repository.findById(7)).thenReturn(Optional.of(ADA));
        UserService users = service(0);

        users.find(7);
        sharedById.clear();
        assertThat(users.find(7)).isEqualTo(new CacheRead<>(ADA, false));
        verify(repository, times(2)).findById(7);
    }

    @Test
    void aListPageIsRenderedOnceAndItsBodyServedFromTheSharedCache() {
        when(listGeneration.current()).thenReturn(OptionalLong.of(3));
        when(repository.findPage(20, 40)).thenReturn(List.of(ADA));
        UserService users = service(100);

        CacheRead<byte[]> miss = users.list(20, 40);
        CacheRead<byte[]> hit = users.list(20, 40);

        String body = "[{\"id\":7,\"name\":\"Ada\",\"email\":\"ada@example.com\",\"created_at\":\"2026-11-26T09:00:00Z\"}]";
        assertThat(new String(miss.value(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(miss.hit()).isFalse();
        assertThat(hit.hit()).isTrue();
        assertThat(hit.value()).isEqualTo(miss.value());
        assertThat(sharedPages.get("g3:l20:o40", byte[].class)).as("the body, keyed by generation and paging")
                .isEqualTo(miss.value());
        verify(repository, times(1)).findPage(20, 40);
    }

    @Test
    void withoutAListGenerationPagesAreReadFromTheDatabaseAndNotCached() {
        when(listGeneration.current()).thenReturn(OptionalLong.empty());
        when(repository.findPage(20, 0)).thenReturn(List.of(ADA));
        UserService users = service(100);

        assertThat(users.list(20, 0).hit()).isFalse();
        assertThat(users.list(20, 0).hit()).isFalse();
        verify(repository, times(2)).findPage(20, 0);
    }
}
