package nl.klaslijn.chat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** The command-line chat's commands. Each answers 0 when it did what it was asked; failures throw (exit status 1). */
final class ChatCommands {

    private ChatCommands() {}

    @Command(name = "list", description = "Your conversations: handle (use it in every command), id, unread, last message.")
    static final class ListCommand implements java.util.concurrent.Callable<Integer> {
        @CommandLine.ParentCommand
        ChatCli cli;

        @Override
        public Integer call() {
            try (ChatConnection chat = cli.open()) {
                PrintStream out = cli.out;
                out.printf("%-28s %-8s %-12s %-6s %s%n", "HANDLE", "ID", "KIND", "UNREAD", "LAST MESSAGE");
                for (ConversationList.Entry c : chat.conversations().entries()) {
                    String last = c.lastSenderId() == null ? ""
                            : chat.people.name(c.lastSenderId()) + ": " + c.lastPreview();
                    out.printf("%-28s %-8s %-12s %-6s %s%n", c.handle(), c.id().substring(0, Math.min(8, c.id().length())),
                            c.kind(), c.unread() >= 99 ? "99+" : String.valueOf(c.unread()), last);
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "people", description = "The people you can start a 1:1 with (see 'direct').")
    static final class PeopleCommand implements java.util.concurrent.Callable<Integer> {
        @CommandLine.ParentCommand
        ChatCli cli;

        @Override
        public Integer call() {
            try (ChatConnection chat = cli.open()) {
                chat.people.everyone().forEach((id, name) -> {
                    if (!id.equals(chat.self)) {
                        cli.out.printf("%-28s %s%n", PeopleBook.handle(name), name);
                    }
                });
                cli.out.flush();
            }
            return 0;
        }
    }

    @Command(name = "send", description = "Send one message.")
    static final class SendCommand implements java.util.concurrent.Callable<Integer> {
        @CommandLine.ParentCommand
        ChatCli cli;

        @Parameters(index = "0", description = "the conversation: its handle from 'list', or (the start of) its id")
        String conversation = "";

        @Parameters(index = "1..*", arity = "1..*", description = "the text")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() {
            try (ChatConnection chat = cli.open()) {
                ConversationList.Entry c = chat.conversations().find(conversation);
                send(chat, c.id(), String.join(" ", words));
                cli.out.println("sent to " + c.handle());
                cli.out.flush();
            }
            return 0;
        }
    }

    @Command(name = "direct", description = "Start (or find) the 1:1 with someone; with a text, also send it.")
    static final class DirectCommand implements java.util.concurrent.Callable<Integer> {
        @CommandLine.ParentCommand
        ChatCli cli;

        @Parameters(index = "0", description = "who: a name or one word of it (see 'people'), or their user id")
        String person = "";

        @Parameters(index = "1..*", arity = "0..*", description = "a first message (optional)")
        List<String> words = new ArrayList<>();

        @Override
        public Integer call() {
            try (ChatConnection chat = cli.open()) {
                UUID other = chat.people.find(person, chat.self);
                JsonNode reply = chat.request("/app/direct", Map.of("userId", other.toString()));
                String id = reply.path("conversation").path("id").asString();
                ConversationList.Entry c = chat.conversations().find(id);
                if (!words.isEmpty()) {
                    send(chat, id, String.join(" ", words));
                }
                cli.out.println("1:1 with " + chat.people.name(other.toString()) + ": " + c.handle()
                        + (words.isEmpty() ? "" : " (sent)"));
                cli.out.flush();
            }
            return 0;
        }
    }

    @Command(name = "chat", description = "Open a conversation: recent history, then live; type a line to send it, "
            + "Ctrl-D to leave.")
    static final class ChatCommand implements java.util.concurrent.Callable<Integer> {
        private static final Object END_OF_INPUT = new Object();

        @CommandLine.ParentCommand
        ChatCli cli;

        @Parameters(index = "0", description = "the conversation: its handle from 'list', or (the start of) its id")
        String conversation = "";

        @Override
        public Integer call() throws InterruptedException {
            try (ChatConnection chat = cli.open()) {
                ConversationList.Entry c = chat.conversations().find(conversation);
                PrintStream out = cli.out;
                out.println("== " + c.title() + " (" + c.handle() + ") ==  type to send, Ctrl-D to leave");
                LiveView[] view = new LiveView[1];
                view[0] = new LiveView(c.id(), chat.self, chat.people, cli.times(), out, cli.err,
                        messageId -> markRead(chat, c.id(), messageId),
                        () -> showLatest(chat, c.id(), view[0]));
                chat.client.onMessage(view[0]);
                ChatCli.await(chat.client.subscribe("/user/events"));
                showLatest(chat, c.id(), view[0]);
                chat.keepTokenFresh(cli.err);
                BlockingQueue<Object> lines = readLines(cli.input());
                while (true) {
                    Object next = lines.poll(200, TimeUnit.MILLISECONDS);
                    if (chat.client.closed().isDone()) {
                        StompFrame error = chat.client.closed().getNow(null);
                        throw new IllegalStateException("the chat server closed the connection"
                                + (error == null ? "" : ": " + error.header("error-code") + ": " + error.header("message")));
                    }
                    if (next == END_OF_INPUT) {
                        return 0;
                    }
                    if (next instanceof String line && !line.isBlank()) {
                        send(chat, c.id(), line);
                    }
                }
            }
        }

        /** The newest history page, oldest first; messages already shown are skipped. Marks the newest read. */
        private static void showLatest(ChatConnection chat, String conversationId, LiveView view) {
            JsonNode page = chat.request("/app/history", Map.of("conversationId", conversationId, "limit", 20));
            List<JsonNode> messages = new ArrayList<>();
            page.path("messages").forEach(messages::add);
            String newest = null;
            for (int i = messages.size() - 1; i >= 0; i--) {
                view.show(messages.get(i));
                newest = messages.get(i).path("id").asString();
            }
            if (newest != null) {
                markRead(chat, conversationId, newest);
            }
        }

        private static void markRead(ChatConnection chat, String conversationId, String messageId) {
            // Fire and forget: a lost read mark only leaves an unread count behind.
            chat.client.send("/app/conversations/" + conversationId + "/read", ClientJson.write(Map.of("upTo", messageId)));
        }

        /** Reads stdin on a thread of its own, so the view also notices a connection the server closed. */
        private static BlockingQueue<Object> readLines(BufferedReader in) {
            BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // as end of input
                }
                lines.add(END_OF_INPUT);
            }, "chat-input");
            reader.setDaemon(true);
            reader.start();
            return lines;
        }
    }

    static void send(ChatConnection chat, String conversationId, String text) {
        ChatCli.await(chat.client.sendMessage(UUID.fromString(conversationId), "cli-" + UUID.randomUUID(), text));
    }
}
