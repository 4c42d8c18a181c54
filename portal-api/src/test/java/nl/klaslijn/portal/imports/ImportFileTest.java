package nl.klaslijn.portal.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The file format on its own: columns, quoting, line numbers as an editor shows them, per-field problems. */
class ImportFileTest {

    private static ImportFile.Parsed parse(String text) {
        return ImportFile.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsRowsWithAnyColumnOrderAndCase() {
        ImportFile.Parsed parsed = parse("""
                Last_Name,first_name,GROUP,guardian1_name,guardian1_email
                Jansen,Sanne,5A,Joost Jansen,joost@example.org
                """);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(2);
            assertThat(row.group()).isEqualTo("5A");
            assertThat(row.firstName()).isEqualTo("Sanne");
            assertThat(row.pupilNumber()).isNull();
            assertThat(row.guardians()).singleElement()
                    .satisfies(g -> assertThat(g.email()).isEqualTo("joost@example.org"));
        });
    }

    @Test
    void reportsPhysicalLinesAcrossBlankLinesAndQuotedLineBreaks() {
        ImportFile.Parsed parsed = parse("\uFEFFgroup,first_name,last_name\r\n"
                + "5A,Sanne,Jansen\r\n"
                + "\r\n"
                + "5A,\"Daan\nde tweede\",Vries\r\n"
                + "5A,,Bakker\r\n");

        assertThat(parsed.rows()).extracting(ImportRow::firstName).containsExactly("Sanne");
        assertThat(parsed.problems()).extracting(ImportProblem::line, ImportProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(4L, "first_name"),
                        org.assertj.core.groups.Tuple.tuple(6L, "first_name"));
    }

    @Test
    void acceptsSemicolonsAsSpreadsheetsInDutchLocalesWrite() {
        ImportFile.Parsed parsed = parse("group;first_name;last_name\n5A;Sanne;Jansen\n");

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.rows()).hasSize(1);
    }

    @Test
    void checksTheHeader() {
        ImportFile.Parsed parsed = parse("group,first_name,surname,guardian1_name\n");

        assertThat(parsed.problems()).extracting(ImportProblem::column)
                .containsExactlyInAnyOrder("surname", "last_name", "guardian1_email");
    }

    @Test
    void checksGuardianPairsAndAddresses() {
        ImportFile.Parsed parsed = parse("""
                group,first_name,last_name,guardian1_name,guardian1_email,guardian2_name,guardian2_email
                5A,Sanne,Jansen,Joost,not-an-address,,
                5A,Daan,Vries,Petra,petra@example.org,Petra,PETRA@example.org
                5A,Lotte,Bakker,,petra@example.org,,
                """);

        assertThat(parsed.problems()).extracting(p -> p.line() + ":" + p.column()).containsExactlyInAnyOrder(
                "2:guardian1_email", "3:guardian2_email", "4:guardian1_name");
        assertThat(parsed.problems()).noneMatch(p -> p.message().contains("example.org"));
    }

    @Test
    void rejectsTextThatIsNotUtf8AndBrokenQuoting() {
        byte[] latin1 = "group,first_name,last_name\n5A,Ren\u00e9,Dijk\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(ImportFile.parse(latin1).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("UTF-8"));
        assertThat(parse("group,first_name,last_name\n5A,\"Sanne,Jansen\n").problems()).isNotEmpty();
    }
}
