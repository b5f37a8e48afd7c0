package dev.usersapi.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class RuntimeClassListTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void everyListedClassExistsInTheCurrentDependencies() throws Exception {
        RuntimeClassList.Outcome outcome = RuntimeClassList.loadAll(loader);

        assertThat(outcome.missing())
                .as("classes of %s gone from the dependencies: run scripts/aot-class-list.sh", RuntimeClassList.RESOURCE)
                .isEmpty();
        assertThat(outcome.loaded()).as("Flyway, the PostgreSQL driver, HikariCP, Lettuce and Netty").isGreaterThan(1000);
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndUnknownNamesReported() throws Exception {
        String list = "# header\n\njava.lang.String\n  org.example.Gone  \n";

        RuntimeClassList.Outcome outcome = RuntimeClassList.loadAll(new StringReader(list), loader);

        assertThat(outcome.loaded()).isEqualTo(1);
        assertThat(outcome.missing()).containsExactly("org.example.Gone");
    }
}
