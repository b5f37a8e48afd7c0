package dev.usersapi.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.zip.CRC32;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Version 1 of the schema is {@code sql/schema.sql} itself (packaged as {@code db/schema/schema.sql}),
 * so the DDL has one source of truth. Its checksum is the file's CRC32: Flyway's validation fails if
 * the applied file is later edited in place instead of being followed by a new migration.
 */
@Component
class V1__Create_users_schema extends BaseJavaMigration {

    static final String SCHEMA_RESOURCE = "db/schema/schema.sql";

    private final String sql = readSchema();

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(sql.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql);
        }
    }

    private static String readSchema() {
        try (InputStream in = V1__Create_users_schema.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
