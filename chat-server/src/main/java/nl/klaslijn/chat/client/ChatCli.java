package nl.klaslijn.chat.client;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * The command-line chat. Logs in as portal users do, with e-mail and password at portal-api (or takes a chat token),
 * then lists conversations, shows history, sends, starts a 1:1 and chats live. {@code ./klaslijn chat ...} runs it
 * against the local start. Exit status: 0 when the command did what it was asked, 1 when it failed (the reason is
 * printed on stderr), 2 for a command line it does not understand.
 */
@Command(name = "klaslijn-chat", mixinStandardHelpOptions = true,
        description = "Chat from the terminal against a Klaslijn chat server.",
        subcommands = {ChatCommands.ListCommand.class, ChatCommands.ChatCommand.class, ChatCommands.SendCommand.class,
                ChatCommands.DirectCommand.class, ChatCommands.PeopleCommand.class})
public final class ChatCli {

    @Option(names = {"-e", "--email"}, description = "log in with this e-mail address (as in the portal)",
            scope = CommandLine.ScopeType.INHERIT)
    @Nullable String email;

    @Option(names = {"-p", "--password"}, description = "the password (else $KLASLIJN_PASSWORD, else asked for)",
            scope = CommandLine.ScopeType.INHERIT)
    @Nullable String password;

    @Option(names = "--portal", description = "portal-api's base URL, where logins go (default: ${DEFAULT-VALUE})",
            defaultValue = "http://127.0.0.1:8081", scope = CommandLine.ScopeType.INHERIT)
    URI portal = URI.create("http://127.0.0.1:8081");

    @Option(names = "--url", description = "WebSocket URL of the chat server (default: ${DEFAULT-VALUE})",
            defaultValue = "ws://127.0.0.1:8080/stomp", scope = CommandLine.ScopeType.INHERIT)
    URI url = URI.create("ws://127.0.0.1:8080/stomp");

    @Option(names = "--token", description = "a chat token (aud chat) instead of logging in; names are then not known",
            scope = CommandLine.ScopeType.INHERIT)
    @Nullable String token;

    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;
    Map<String, String> environment = System.getenv();

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /** Runs one command line with the given terminal; returns the exit status. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
        ChatCli cli = new ChatCli();
        cli.in = in;
        cli.out = out;
        cli.err = err;
        cli.environment = environment;
        return new CommandLine(cli)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((error, command, parsed) -> {
                    err.println("error: " + describe(error, cli.url));
                    err.flush();
                    return 1;
                })
                .execute(args);
    }

    static String describe(Throwable error, URI url) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StompErrorException stomp) {
                return "the chat server refused: " + stomp.errorCode() + ": " + stomp.frame().header("message");
            }
            if (t instanceof java.net.ConnectException) {
                return "cannot reach " + url + " (is the server running? ./klaslijn start)";
            }
            if (t instanceof PortalException || t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        return String.valueOf(error);
    }

    /** Logs in (or takes the token), connects and subscribes to /user/replies. */
    ChatConnection open() {
        if (token != null) {
            JsonNode claims = claims(token);
            StompClient client = ChatConnection.connect(url, token);
            return new ChatConnection(client, null, UUID.fromString(claims.path("sch").asString()),
                    UUID.fromString(claims.path("sub").asString()), new PeopleBook(Map.of()));
        }
        if (email == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give --email (and --password), or --token");
        }
        PortalSession session = PortalSession.login(portal, email, password());
        PeopleBook people = PeopleBook.read(session);
        StompClient client = ChatConnection.connect(url, session.chatToken());
        return new ChatConnection(client, session, session.schoolId(), session.accountId(), people);
    }

    private String password() {
        if (password != null) {
            return password;
        }
        String fromEnvironment = environment.get("KLASLIJN_PASSWORD");
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("give --password or set KLASLIJN_PASSWORD (no terminal to ask on)");
        }
        char[] typed = console.readPassword("password for %s: ", email);
        if (typed == null) {
            throw new IllegalArgumentException("no password given");
        }
        return new String(typed);
    }

    /** The (unverified) claims of a token, to learn whose it is; the chat server verifies it. */
    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("--token is not a JWT");
        }
        return ClientJson.tree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    LocalTimes times() {
        return new LocalTimes(ZoneId.systemDefault());
    }

    BufferedReader input() {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** How long the command-line client waits for any one answer from a server. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the chat server did not answer within " + ANSWER_WITHIN.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
