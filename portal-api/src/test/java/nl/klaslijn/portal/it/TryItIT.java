package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * README.md's "Try it", run as written: every {@code ./klaslijn chat ...} line of its {@code bash} blocks goes through
 * the command-line chat's entry point (in this JVM, against portal-api and a chat node with the demo school, as
 * {@code ./klaslijn start} serves them); {@code export} lines set its environment. An open {@code chat} view stays
 * open while the later lines run, and must show each message a later {@code send} line sends, live.
 */
class TryItIT extends DemoSchoolIT {

    @Test
    void theReadmesTryItCommandsShowAMessageLiveInTheOpenChat() throws IOException {
        List<List<String>> lines = tryItLines(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        assertThat(lines).as("README's Try it commands").isNotEmpty();
        Map<String, String> environment = new HashMap<>();
        List<Cli.Open> views = new ArrayList<>();
        int sends = 0;
        try {
            for (List<String> words : lines) {
                if (words.get(0).equals("export")) {
                    String[] assignment = words.get(1).split("=", 2);
                    environment.put(assignment[0], assignment[1]);
                    continue;
                }
                assertThat(words.subList(0, 2)).as("a Try it line this test can run: %s", words)
                        .containsExactly("./klaslijn", "chat");
                List<String> args = words.subList(2, words.size());
                if (args.contains("chat")) {
                    Cli.Open view = cli.open(Map.copyOf(environment), args);
                    view.awaitShown("type to send");
                    views.add(view);
                } else if (args.contains("send")) {
                    String text = args.get(args.size() - 1);
                    int[] shownBefore = views.stream().mapToInt(v -> v.out().length()).toArray();
                    run(environment, args);
                    sends++;
                    for (int i = 0; i < views.size(); i++) {
                        Cli.Open view = views.get(i);
                        int from = shownBefore[i];
                        await().atMost(CONVERGES_WITHIN).alias("the open chat shows '" + text + "' live")
                                .until(() -> view.out().substring(from).contains(text));
                    }
                } else {
                    run(environment, args);
                }
            }
            assertThat(views).as("an open chat view").isNotEmpty();
            assertThat(sends).as("a send").isPositive();
            for (Cli.Open view : views) {
                assertThat(view.running()).as(view.err()).isTrue();
                assertThat(view.end()).as(view.err()).isZero();
            }
        } finally {
            views.forEach(Cli.Open::close);
        }
    }

    private void run(Map<String, String> environment, List<String> args) {
        Cli.Done done = cli.run(Map.copyOf(environment), args);
        assertThat(done.status()).as("%s: %s", args, done.err()).isZero();
    }

    /** The command lines of the bash blocks in the "## Try it" section, split as a shell would (quotes, comments). */
    static List<List<String>> tryItLines(String readme) {
        int start = readme.indexOf("## Try it\n");
        assertThat(start).as("README has a Try it section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<List<String>> lines = new ArrayList<>();
        boolean inBlock = false;
        for (String line : section.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock && line.equals("```bash");
                continue;
            }
            if (inBlock) {
                List<String> words = words(line);
                if (!words.isEmpty()) {
                    lines.add(words);
                }
            }
        }
        return lines;
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
