package nl.klaslijn.chat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.demo.DemoSchool;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.chat.protocol.Wire;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command-line chat: log in as a demo user (or with any token), list conversations, read history,
 * send, and chat live. {@code ./klaslijn chat --user sanne} runs it against the local start.
 */
@Command(name = "klaslijn-chat", mixinStandardHelpOptions = true,
        description = "Chat from the terminal against a Klaslijn chat server.",
        subcommands = {ChatCli.ListCommand.class, ChatCli.ChatCommand.class, ChatCli.SendCommand.class})
public final class ChatCli {

    @Option(names = "--url", description = "WebSocket URL of the chat server (default: ${DEFAULT-VALUE})",
            defaultValue = "ws://127.0.0.1:8080/stomp", scope = CommandLine.ScopeType.INHERIT)
    URI url;

    @Option(names = "--user", description = "demo login name (anna, bram, sanne, joost, fatima, pieter)",
            scope = CommandLine.ScopeType.INHERIT)
    String user;

    @Option(names = "--token", description = "an access token instead of a demo user", scope = CommandLine.ScopeType.INHERIT)
    String token;

    @Option(names = "--tokens-file", description = "demo tokens written by the local start (default: ${DEFAULT-VALUE})",
            defaultValue = ".klaslijn/demo-tokens.properties", scope = CommandLine.ScopeType.INHERIT)
    Path tokensFile;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChatCli())
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    command.getErr().println("error: " + describe(error, ((ChatCli) parsed.commandSpec().root().userObject()).url));
                    return 1;
                })
                .execute(args));
    }

    private static String describe(Throwable error, URI url) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StompErrorException stomp) {
                return stomp.errorCode() + ": " + stomp.frame().header("message");
            }
            if (t instanceof java.net.ConnectException) {
                return "cannot reach " + url + " (is the server running? ./klaslijn start)";
            }
        }
        return String.valueOf(error.getMessage());
    }

    StompClient connect() throws IOException {
        String bearer = token;
        if (bearer == null) {
            if (user == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "give --user or --token");
            }
            Properties tokens = new Properties();
            try (var in = Files.newBufferedReader(tokensFile, StandardCharsets.UTF_8)) {
                tokens.load(in);
            }
            bearer = tokens.getProperty(user);
            if (bearer == null) {
                throw new CommandLine.ParameterException(new CommandLine(this), "no demo user " + user + " in " + tokensFile);
            }
        }
        StompClient client = StompClient.connect(url, bearer, Duration.ofSeconds(10));
        await(client.subscribe("/user/replies"));
        return client;
    }

    static List<Views.ConversationView> conversations(StompClient client) {
        StompFrame reply = await(client.request("/app/conversations", "{}"));
        return Wire.decode(reply.body(), Views.ConversationsReply.class).conversations();
    }

    /** A conversation by its number in the list (1-based) or its id. */
    static Views.ConversationView pick(StompClient client, String which) {
        List<Views.ConversationView> list = conversations(client);
        if (which.matches("\\d{1,3}")) {
            int index = Integer.parseInt(which) - 1;
            if (index >= 0 && index < list.size()) {
                return list.get(index);
            }
        }
        return list.stream().filter(c -> c.id().equals(which)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + which + "; see 'list'"));
    }

    static String name(String userId) {
        return DemoSchool.PEOPLE.stream().filter(p -> p.id().toString().equals(userId)).map(DemoSchool.Person::login)
                .findFirst().orElse(userId.substring(0, 8));
    }

    static String title(Views.ConversationView c) {
        return c.title().isEmpty() ? "(direct)" : c.title();
    }

    static void print(PrintStream out, Views.MessageView m) {
        out.printf("[%s] %s: %s%n", m.sentAt().substring(11, 19), name(m.senderId()), m.text());
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "list", description = "List your conversations with unread counts.")
    static final class ListCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        ChatCli cli;

        @Override
        public Integer call() throws Exception {
            try (StompClient client = cli.connect()) {
                int i = 1;
                for (Views.ConversationView c : conversations(client)) {
                    String last = c.lastMessage() == null ? "" : name(c.lastMessage().senderId()) + ": " + c.lastMessage().preview();
                    System.out.printf("%2d. %-28s %-12s unread %-3d %s%n", i++, title(c), c.kind(), c.unread(), last);
                }
            }
            return 0;
        }
    }

    @Command(name = "send", description = "Send one message.")
    static final class SendCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        ChatCli cli;

        @Parameters(index = "0", description = "conversation number from 'list', or its id")
        String conversation;

        @Parameters(index = "1..*", description = "the text")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            try (StompClient client = cli.connect()) {
                Views.ConversationView c = pick(client, conversation);
                StompFrame receipt = await(client.sendMessage(UUID.fromString(c.id()), "cli-" + UUID.randomUUID(),
                        String.join(" ", words)));
                System.out.println("sent, message id " + receipt.header("message-id"));
            }
            return 0;
        }
    }

    @Command(name = "chat", description = "Open a conversation: recent history, then live; type to send, Ctrl-D to leave.")
    static final class ChatCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        ChatCli cli;

        @Parameters(index = "0", description = "conversation number from 'list', or its id")
        String conversation;

        @Override
        public Integer call() throws Exception {
            try (StompClient client = cli.connect()) {
                Views.ConversationView c = pick(client, conversation);
                System.out.println("== " + title(c) + " ==");
                client.onMessage(frame -> {
                    Views.MessageEvent event = Wire.decode(frame.body(), Views.MessageEvent.class);
                    if (event.message().conversationId().equals(c.id())) {
                        print(System.out, event.message());
                    }
                });
                await(client.subscribe("/user/events"));
                StompFrame page = await(client.request("/app/history",
                        "{\"conversationId\":\"" + c.id() + "\",\"limit\":20}"));
                List<Views.MessageView> history = new ArrayList<>(Wire.decode(page.body(), Views.HistoryReply.class).messages());
                java.util.Collections.reverse(history);
                history.forEach(m -> print(System.out, m));
                if (!history.isEmpty()) {
                    client.send("/app/conversations/" + c.id() + "/read",
                            "{\"upTo\":\"" + history.get(history.size() - 1).id() + "\"}");
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = in.readLine()) != null && !client.closed().isDone(); ) {
                    if (!line.isBlank()) {
                        await(client.sendMessage(UUID.fromString(c.id()), "cli-" + UUID.randomUUID(), line));
                    }
                }
            }
            return 0;
        }
    }
}
