package dev.usersapi.user;

import dev.usersapi.cache.CacheAside;
import dev.usersapi.cache.CacheRead;
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
    private final UserPageBodies pageBodies;
    private final Cache byId;
    private final Cache pages;

    UserService(UserRepository repository, CacheAside cacheAside, UserListGeneration listGeneration,
            RecentUsers recent, UserPageBodies pageBodies, CacheManager caches) {
        this.repository = repository;
        this.cacheAside = cacheAside;
        this.listGeneration = listGeneration;
        this.recent = recent;
        this.pageBodies = pageBodies;
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

    /** A page of users ordered by id, as its JSON body (see {@link UserPageBodies}). */
    public CacheRead<byte[]> list(int limit, long offset) {
        OptionalLong generation = listGeneration.current();
        if (generation.isEmpty()) {
            return new CacheRead<>(pageBody(limit, offset), false);
        }
        String key = "g" + generation.getAsLong() + ":l" + limit + ":o" + offset;
        return cacheAside.read(pages, key, byte[].class, () -> pageBody(limit, offset));
    }

    private byte[] pageBody(int limit, long offset) {
        return pageBodies.render(repository.findPage(limit, offset));
    }
}
