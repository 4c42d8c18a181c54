package nl.klaslijn.common.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CqlScriptTest {

    @Test
    void splitsAtSemicolonsOutsideLiteralsAndDropsComments() {
        String script = """
                -- heading comment; with a semicolon
                CREATE TABLE t (id int PRIMARY KEY, -- trailing comment
                    v text)   /* block; comment */ WITH comment = 'a; b -- c /* d */';
                // slash comment
                INSERT INTO "Odd;Name" (id) VALUES (1);
                CREATE FUNCTION f (x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$
                """;

        assertThat(CqlScript.statements(script)).containsExactly(
                "CREATE TABLE t (id int PRIMARY KEY,\n    v text)     WITH comment = 'a; b -- c /* d */'",
                "INSERT INTO \"Odd;Name\" (id) VALUES (1)",
                "CREATE FUNCTION f (x int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS $$ return x; $$");
    }

    @Test
    void handlesEscapedQuotesCrLfAndEmptyStatements() {
        assertThat(CqlScript.statements("INSERT INTO t (s) VALUES ('it''s; fine');\r\n;;\r\n  ;"))
                .containsExactly("INSERT INTO t (s) VALUES ('it''s; fine')");
        assertThat(CqlScript.statements("-- only a comment\n\n")).isEmpty();
    }

    @Test
    void checksumIgnoresCommentsBlankLinesAndTrailingSpacesButNotStatements() {
        Migration original = Migration.parse("V001__x.cql", "CREATE TABLE t (\n  id int PRIMARY KEY\n);\n");
        Migration recommented = Migration.parse("V001__x.cql",
                "-- new comment\r\nCREATE TABLE t (   \r\n\r\n  id int PRIMARY KEY -- key\r\n);\r\n\r\n-- the end\r\n");
        Migration changed = Migration.parse("V001__x.cql", "CREATE TABLE t (\n  id bigint PRIMARY KEY\n);\n");

        assertThat(recommented.checksum()).isEqualTo(original.checksum());
        assertThat(changed.checksum()).isNotEqualTo(original.checksum());
    }

    @Test
    void migrationFileNamesCarryVersionAndDescription() {
        Migration migration = Migration.parse("V012__create_read_pointers.cql", "SELECT 1 FROM t");

        assertThat(migration.version()).isEqualTo(12);
        assertThat(migration.description()).isEqualTo("create read pointers");
        assertThat(migration.statements()).isEqualTo(List.of("SELECT 1 FROM t"));
        assertThatThrownBy(() -> Migration.parse("create.cql", "SELECT 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Migration.parse("V001__empty.cql", "-- nothing")).isInstanceOf(IllegalArgumentException.class);
    }
}
