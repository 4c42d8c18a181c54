package nl.klaslijn.portal.it;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.ChatCli;

/**
 * Runs the command-line chat in this JVM through its entry point ({@link ChatCli#run}), as {@code ./klaslijn chat}
 * runs it, against this test's portal-api and chat node, with a terminal the test reads and types into.
 */
final class Cli {

    /** A finished command: its exit status and what it printed. */
    record Done(int status, String out, String err) {}

    private final List<String> endpoints;

    Cli(int portalPort) {
        this.endpoints = List.of("--portal", "http://127.0.0.1:" + portalPort, "--url", ChatNode.stompUri().toString());
    }

    /** Runs a command to its end with no input. */
    Done run(Map<String, String> environment, List<String> args) {
        try (Open open = open(environment, args)) {
            int status = open.end();
            return new Done(status, open.out(), open.err());
        }
    }

    Done run(String... args) {
        return run(Map.of(), List.of(args));
    }

    /** Starts a command (e.g. the live {@code chat} view) on a thread of its own; type into it, read what it shows. */
    Open open(Map<String, String> environment, List<String> args) {
        List<String> all = new ArrayList<>(endpoints);
        all.addAll(args);
        return new Open(environment, all.toArray(String[]::new));
    }

    /** A running command and its terminal. */
    static final class Open implements AutoCloseable {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final PipedOutputStream keyboard = new PipedOutputStream();
        private final CompletableFuture<Integer> status;

        Open(Map<String, String> environment, String[] args) {
            PipedInputStream stdin;
            try {
                stdin = new PipedInputStream(keyboard, 64 * 1024);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            // On a thread of its own, as a process's main thread: on the common pool (one worker on two cores) a
            // blocked command starves the JDK WebSocket's handshake of another command running at the same time.
            status = new CompletableFuture<>();
            Thread main = new Thread(() -> {
                try {
                    status.complete(ChatCli.run(args, stdin, o, e, environment));
                } catch (Throwable t) {
                    status.completeExceptionally(t);
                }
            }, "klaslijn-chat " + String.join(" ", args));
            main.setDaemon(true);
            main.start();
        }

        /** Types a line, as a person at the terminal would. */
        void type(String line) {
            try {
                keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        /** Waits until the terminal shows {@code text}; fails naming what it shows instead. */
        void awaitShown(String text) {
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> out().contains(text) || status.isDone());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // reported below with what the terminal shows
            }
            if (!out().contains(text)) {
                throw new AssertionError((status.isDone() ? "the command ended (status " + status.join() + ")" : "30 s")
                        + " without showing '" + text + "'; it showed:\n" + out() + "\nstderr:\n" + err());
            }
        }

        boolean running() {
            return !status.isDone();
        }

        /** Ends the input (Ctrl-D) and returns the exit status. */
        int end() {
            try {
                keyboard.close();
                return status.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the command did not end; it showed:\n" + out() + "\nstderr:\n" + err(), e);
            }
        }

        @Override
        public void close() {
            try {
                keyboard.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
