package nl.klaslijn.portal.operator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The operator command line ({@code ./klaslijn admin ...}; from a production jar: {@code java
 * -Dloader.main=nl.klaslijn.portal.operator.AdminCommand -cp klaslijn-portal-api-0.1.0-exec.jar
 * org.springframework.boot.loader.launch.PropertiesLauncher ...}).
 *
 * <pre>
 * create-school --name NAME --admin-email EMAIL [--admin-name NAME] [--portal-url URL] [--json] [--klaslijn.…=… …]
 * </pre>
 *
 * Arguments {@code --klaslijn.*}, {@code --spring.*}, {@code --server.*} are portal-api settings, read as the
 * server reads them ({@link OperatorSettings}). Prints the new school's id and its administrator's one-time
 * registration token (with {@code --json}: portal-api's answer as it is). Exit status 0 done, 1 refused or failed
 * (the reason on standard error), 2 wrong usage.
 */
public final class AdminCommand {

    static final String USAGE = """
            usage: ./klaslijn admin create-school --name NAME --admin-email EMAIL [--admin-name NAME]
                                                [--portal-url URL] [--json]
              Creates a school and its first administrator on the running portal-api and prints the
              administrator's one-time registration token. Settings (--klaslijn.auth.token-signing-key-file=...,
              --server.port=...) are portal-api's own; ./klaslijn admin adds --spring.profiles.active=dev.""";

    private static final Set<String> FLAGS = Set.of("json");
    private static final Set<String> OPTIONS = Set.of("name", "admin-email", "admin-name", "portal-url");
    private static final List<String> SETTING_PREFIXES = List.of("--klaslijn.", "--spring.", "--server.", "--logging.");

    private AdminCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status. */
    static int run(String[] arguments, PrintStream out, PrintStream err) {
        List<String> settings = new ArrayList<>();
        List<String> command = new ArrayList<>();
        for (String argument : arguments) {
            (SETTING_PREFIXES.stream().anyMatch(argument::startsWith) ? settings : command).add(argument);
        }
        if (command.isEmpty() || !command.get(0).equals("create-school")) {
            err.println(command.isEmpty() ? USAGE : "unknown command: " + command.get(0) + "\n" + USAGE);
            return 2;
        }
        Map<String, String> options = new HashMap<>();
        @Nullable String problem = parse(command, options);
        if (problem == null && (!options.containsKey("name") || !options.containsKey("admin-email"))) {
            problem = "--name and --admin-email are required";
        }
        if (problem != null) {
            err.println(problem + "\n" + USAGE);
            return 2;
        }
        try {
            OperatorSettings loaded = OperatorSettings.load(settings);
            if (options.containsKey("portal-url")) {
                loaded = new OperatorSettings(loaded.signer(), options.get("portal-url").replaceAll("/+$", ""));
            }
            SchoolCreation.Created created = new SchoolCreation(loaded).create(options.get("name"),
                    options.getOrDefault("admin-name", "Administrator"), options.get("admin-email"));
            if (options.containsKey("json")) {
                out.println(created.json());
            } else {
                print(created, options.get("admin-email"), out);
            }
            return 0;
        } catch (IllegalStateException e) {
            err.println("klaslijn admin: " + e.getMessage());
            return 1;
        }
    }

    private static void print(SchoolCreation.Created created, String adminEmail, PrintStream out) {
        out.println("Created school \"" + created.name() + "\"");
        out.println("  school id:           " + created.schoolId());
        out.println("  administrator:       " + adminEmail + " (staff id " + created.administratorStaffId() + ")");
        out.println("  registration token:  " + created.administratorRegistrationToken());
        out.println("Give the token to the administrator. It works once; they register with it and a password of");
        out.println("their own (POST /api/registrations; docs/portal-api.md, \"Walkthrough\").");
    }

    /** Fills the options of the command ({@code args.get(0)}); returns what is wrong, or null. */
    private static @Nullable String parse(List<String> args, Map<String, String> options) {
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                return "unexpected argument: " + arg;
            }
            String name = arg.substring(2);
            @Nullable String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (FLAGS.contains(name) && value == null) {
                options.put(name, "true");
            } else if (OPTIONS.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        return "--" + name + " needs a value";
                    }
                    value = args.get(++i);
                }
                options.put(name, value);
            } else {
                return "unknown option: --" + name;
            }
        }
        return null;
    }
}
