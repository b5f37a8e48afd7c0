package dev.usersapi.user;

import dev.usersapi.cache.CacheAside;
import dev.usersapi.cache.CacheRead;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Service;

/**
 * Users: PostgreSQL as the system of record, Redis in front of it for reads, and for reads by id
 * this instance's {@link RecentUsers} in front of Redis.
 */
@Service
public class UserService {

    private final UserRepository repository;
    private final CacheAside cacheAside;
    private final UserListGeneration listGeneration;
    private final RecentUsers recent;
    private final Cache byId;
    private final Cache pages;

    UserService(UserRepository repository, CacheAside cacheAside, UserListGeneration listGeneration,
            RecentUsers recent, CacheManager caches) {
        this.repository = repository;
        this.cacheAside = cacheAside;
        this.listGeneration = listGeneration;
        this.recent = recent;
        this.byId = caches.getCache(UserCaches.BY_ID);
        this.pages = caches.getCache(UserCaches.PAGES);
    }

    /** Stores the user, caches it at once (write-through) and retires every cached list page. */
    public User create(NewUser request) {
        User user = repository.insert(request.normalized());
        recent.remember(user);
        cacheAside.put(byId, user.id(), user);
        listGeneration.bump();
        return user;
    }

    public CacheRead<User> find(long id) {
        User copy = recent.get(id);
        if (copy != null) {
            return new CacheRead<>(copy, true);
        }
        CacheRead<User> read = cacheAside.read(byId, id, User.class,
                () -> repository.findById(id).orElseThrow(() -> new UserNotFoundException(id)));
        recent.remember(read.value());
        return read;
    }

    public CacheRead<List<User>> list(int limit, long offset) {
        OptionalLong generation = listGeneration.current();
        if (generation.isEmpty()) {
            return new CacheRead<>(repository.findPage(limit, offset), false);
        }
        String key = "g" + generation.getAsLong() + ":l" + limit + ":o" + offset;
        CacheRead<UserPage> page = cacheAside.read(pages, key, UserPage.class,
                () -> new UserPage(repository.findPage(limit, offset)));
        return new CacheRead<>(page.value().users(), page.hit());
    }
}
