package nl.klaslijn.common.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationSetTest {

    @Test
    void loadsTheFilesNamedByTheIndexInOrder() {
        MigrationSet set = MigrationSet.fromClasspath("test_chat");

        assertThat(set.name()).isEqualTo("test_chat");
        assertThat(set.migrations()).extracting(Migration::version).containsExactly(1, 2, 3);
        assertThat(set.migrations()).extracting(Migration::description)
                .containsExactly("create messages", "add edited at", "count applications");
        Migration first = set.migrations().get(0);
        assertThat(first.statements()).hasSize(2);
        assertThat(first.statements().get(0)).contains("'messages; newest first -- this is text, not a comment'")
                .doesNotContain("Snowflake");
    }

    @Test
    void aFileMissingFromTheIndexFailsWhereTheFolderCanBeListed() {
        assertThatThrownBy(() -> MigrationSet.fromClasspath("unlisted"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("V002__forgotten.cql");
    }

    @Test
    void aSetWithoutIndexSaysWhatIsMissing() {
        assertThatThrownBy(() -> MigrationSet.fromClasspath("nonexistent"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/cassandra/nonexistent/index.txt");
    }

    @Test
    void versionsMustStrictlyIncrease() {
        Migration one = Migration.parse("V001__a.cql", "SELECT 1 FROM t");
        Migration two = Migration.parse("V002__b.cql", "SELECT 2 FROM t");

        assertThatThrownBy(() -> new MigrationSet("x", List.of(two, one))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MigrationSet("x", List.of(one, one))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void indexIgnoresCommentsAndBlankLines() {
        assertThat(MigrationSet.indexEntries("# head\n\nV001__a.cql  # first\n  V002__b.cql\n"))
                .containsExactly("V001__a.cql", "V002__b.cql");
    }
}
