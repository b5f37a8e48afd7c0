package dev.usersapi.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** PostgreSQL access for users: the system of record. */
@Repository
class UserRepository {

    private static final String COLUMNS = "id, name, email, created_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a user; the unique index on lower(email) makes concurrent duplicates fail here. */
    User insert(NewUser user) {
        try {
            return jdbc.sql("INSERT INTO users (name, email) VALUES (:name, :email) RETURNING " + COLUMNS)
                    .param("name", user.name())
                    .param("email", user.email())
                    .query(UserRepository::map)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new DuplicateEmailException(user.email(), e);
        }
    }

    Optional<User> findById(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .param("id", id)
                .query(UserRepository::map)
                .optional();
    }

    List<User> findPage(int limit, long offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users ORDER BY id LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(UserRepository::map)
                .list();
    }

    private static User map(ResultSet row, int rowNum) throws SQLException {
        return new User(
                row.getLong("id"),
                row.getString("name"),
                row.getString("email"),
                row.getObject("created_at", java.time.OffsetDateTime.class).toInstant());
    }
}
