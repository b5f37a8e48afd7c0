package dev.usersapi.aot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes of {@value #RESOURCE}: what a real start and its first requests load from the
 * database, Redis and migration libraries (Flyway, the PostgreSQL driver, HikariCP, Lettuce,
 * Netty), which the training run cannot reach because a {@code docker build} has no PostgreSQL or
 * Redis. Loading them during the training run puts them in the AOT cache; without them a start
 * loaded ~700 classes from jars. The list comes from {@code scripts/aot-class-list.sh}.
 */
final class RuntimeClassList {

    static final String RESOURCE = "aot/runtime-classes.txt";

    /** How many listed classes were loaded, and the names that no longer exist. */
    record Outcome(int loaded, List<String> missing) {
    }

    private RuntimeClassList() {
    }

    static Outcome loadAll(ClassLoader loader) throws IOException {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is not on the class path");
            }
            return loadAll(new InputStreamReader(in, StandardCharsets.UTF_8), loader);
        }
    }

    /** Loads (without initializing) every class named in the list: one name a line, # comments. */
    static Outcome loadAll(Reader list, ClassLoader loader) throws IOException {
        int loaded = 0;
        List<String> missing = new ArrayList<>();
        BufferedReader lines = new BufferedReader(list);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        return new Outcome(loaded, List.copyOf(missing));
    }
}
