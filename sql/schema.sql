-- users schema: the single source of truth for the service's DDL.
-- The service applies this file itself on start (Flyway migration V1 reads it from the
-- classpath), so an empty database needs no manual step. It is idempotent, so running it
-- by hand first (psql -f sql/schema.sql) is harmless.

CREATE TABLE IF NOT EXISTS users (
    id         BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       VARCHAR(100) NOT NULL CHECK (length(btrim(name)) > 0),
    email      VARCHAR(254) NOT NULL CHECK (position('@' IN email) > 1),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One account per address, whatever its case: User@Example.com and user@example.com clash.
CREATE UNIQUE INDEX IF NOT EXISTS users_email_lower_key ON users (lower(email));
