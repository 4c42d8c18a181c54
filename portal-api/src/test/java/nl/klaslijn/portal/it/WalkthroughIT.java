package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompFrame;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator walkthrough of {@code docs/portal-api.md}, run as written: the {@code bash} blocks between its
 * {@code walkthrough:start} and {@code walkthrough:end} markers go to bash and curl unchanged but for the portal's
 * port and the e-mail domain (unique per run, since the test keyspace outlives runs), against this suite's portal-api
 * and a real chat node; {@code ./klaslijn admin} is portal-api's {@code AdminCommand} in a JVM of its own, configured
 * by environment variables as an operator would. Then the page's chat step: the parent opens the direct conversation
 * with the teacher and both see each other's message arrive live.
 */
class WalkthroughIT extends ChatSyncedIT {

    private static final Path DOC = Path.of("..", "docs", "portal-api.md");
    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final List<String> CARRIED_OVER = List.of("SCHOOL", "TEACHER_ID", "PARENT_CHAT", "TEACHER_CHAT");

    @Test
    void theDocumentedCommandsTakeAnEmptySchoolToAParentChattingWithTheTeacher() throws Exception {
        Path folder = Files.createTempDirectory("klaslijn-walkthrough-");
        Properties result = runWalkthrough(folder);
        assertThat(result.stringPropertyNames()).containsAll(CARRIED_OVER);
        String teacherId = result.getProperty("TEACHER_ID");
        assertThat(teacherId).as("the teacher's chat id from the information page").matches("[0-9a-f-]{36}");

        try (StompClient teacher = ChatNode.connect(result.getProperty("TEACHER_CHAT"));
                StompClient parent = ChatNode.connect(result.getProperty("PARENT_CHAT"))) {
            ChatNode.await(parent.subscribe("/user/replies"));
            UUID conversation = openDirect(parent, teacherId);

            ChatNode.await(parent.sendMessage(conversation, UUID.randomUUID().toString(),
                    "Dag juf Anna, Lotte is morgen jarig!"));
            assertThat(messageEvent(teacher, "Lotte is morgen jarig")).as("the teacher gets it live").isTrue();

            ChatNode.await(teacher.sendMessage(conversation, UUID.randomUUID().toString(), "Gefeliciteerd!"));
            assertThat(messageEvent(parent, "Gefeliciteerd!")).as("the parent gets the answer live").isTrue();
        }
    }

    /** Runs the page's blocks in {@code folder}; returns the variables the chat step needs. */
    private Properties runWalkthrough(Path folder) throws IOException, InterruptedException {
        String domain = "w" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        String commands = walkthroughBlocks().replace("http://127.0.0.1:8081", "http://127.0.0.1:" + port)
                .replace("@vlinder.example", "@" + domain);
        StringBuilder script = new StringBuilder("set -euo pipefail\n").append(commands);
        for (String name : CARRIED_OVER) {
            script.append("printf '%s=%s\\n' ").append(name).append(" \"$").append(name).append("\" >> result.properties\n");
        }
        Files.writeString(folder.resolve("walkthrough.sh"), script);
        writeKlaslijnStandIn(folder);

        ProcessBuilder bash = new ProcessBuilder("bash", "walkthrough.sh").directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(folder.resolve("output.txt").toFile());
        bash.environment().put("JAVA", ProcessHandle.current().info().command().orElse("java"));
        bash.environment().put("CLASSPATH_OF_TEST", System.getProperty("java.class.path"));
        // The operator's configuration, as for a production portal-api: its signing key and where it listens.
        bash.environment().put("KLASLIJN_AUTH_TOKEN_SIGNING_KEY", SIGNING_KEY.privateKeyPem());
        bash.environment().put("SERVER_PORT", Integer.toString(port));
        Process process = bash.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        String output = Files.readString(folder.resolve("output.txt"));
        assertThat(ended).as("the walkthrough ends; output:\n" + output).isTrue();
        assertThat(process.exitValue()).as("the walkthrough's exit status; output:\n" + output).isZero();

        Properties result = new Properties();
        try (var in = Files.newBufferedReader(folder.resolve("result.properties"))) {
            result.load(in);
        }
        return result;
    }

    /** The {@code bash} blocks between the page's walkthrough markers, in order. */
    static String walkthroughBlocks() throws IOException {
        String page = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = page.indexOf("<!-- walkthrough:start -->");
        int end = page.indexOf("<!-- walkthrough:end -->");
        assertThat(start).as("walkthrough markers in " + DOC).isNotNegative().isLessThan(end);
        List<String> blocks = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(page.substring(start, end));
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).as("bash blocks of the walkthrough").hasSizeGreaterThanOrEqualTo(5);
        return String.join("\n", blocks);
    }

    /** {@code ./klaslijn admin ...} in the folder: portal-api's operator command on this test's class path. */
    private static void writeKlaslijnStandIn(Path folder) throws IOException {
        Path klaslijn = folder.resolve("klaslijn");
        Files.writeString(klaslijn, """
                #!/usr/bin/env bash
                [ "$1" = admin ] || { echo "this stand-in runs only ./klaslijn admin" >&2; exit 2; }
                shift
                exec "$JAVA" -cp "$CLASSPATH_OF_TEST" nl.klaslijn.portal.operator.AdminCommand "$@"
                """);
        Files.setPosixFilePermissions(klaslijn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** {@code /app/direct} as the page shows it, retried until the chat sync has put the teacher in the directory. */
    private static UUID openDirect(StompClient parent, String teacherId) {
        String body = "{\"userId\":\"" + teacherId + "\"}";
        StompFrame[] reply = new StompFrame[1];
        await().atMost(CONVERGES_WITHIN).ignoreExceptions().until(() -> {
            reply[0] = ChatNode.await(parent.request("/app/direct", body));
            return true;
        });
        assertThat(reply[0].header("event-type")).isEqualTo("direct");
        JsonNode conversation = Api.JSON.readTree(reply[0].body()).path("conversation");
        return UUID.fromString(conversation.path("id").asString());
    }

    /**
     * Whether a {@code message} event with {@code text} arrives on the client's {@code /user/events} within 20 s
     * (other events, and one's own messages, which reach one's own devices too, are skipped).
     */
    private static boolean messageEvent(StompClient client, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            StompFrame frame = client.messages().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame != null && "message".equals(frame.header("event-type")) && frame.body().contains(text)) {
                return true;
            }
        }
        return false;
    }
}
