package nl.klaslijn.chat.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.Conversations;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.chat.directory.SchoolDirectory;
import nl.klaslijn.chat.settings.Preferences;
import nl.klaslijn.chat.settings.UserPreferences;
import nl.klaslijn.chat.messages.Messages;
import nl.klaslijn.common.auth.TokenAudience;
import nl.klaslijn.common.auth.TokenSigner;
import nl.klaslijn.common.auth.Role;

/**
 * Fills the demo school (idempotently: every write is an upsert, and the demo messages use fixed client
 * message ids, so a restart stores nothing twice) and issues a token per demo person, written to a
 * properties file the command-line client reads. Runs in the {@code dev} profile only (signing needs the development
 * key; a production chat node holds no signing key).
 */
public final class DemoSeeder {

    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private final SchoolDirectory directory;
    private final Preferences preferences;
    private final Conversations conversations;
    private final Messages messages;
    private final TokenSigner tokens;

    public DemoSeeder(SchoolDirectory directory, Preferences preferences, Conversations conversations, Messages messages,
            TokenSigner tokens) {
        this.directory = directory;
        this.preferences = preferences;
        this.conversations = conversations;
        this.messages = messages;
        this.tokens = tokens;
    }

    /** Seeds the school and returns login name to token, in the order of {@link DemoSchool#PEOPLE}. */
    public Map<String, String> seed() {
        for (DemoSchool.Person p : DemoSchool.PEOPLE) {
            await(directory.put(new SchoolDirectory.Person(DemoSchool.SCHOOL, p.id(), p.displayName(), p.role())));
            if (p.role().equals("parent")) {
                // Parents share nothing by default; the demo families chose to share, so the demo shows presence and
                // read receipts.
                await(preferences.putUser(DemoSchool.SCHOOL, p.id(), new UserPreferences(true, true)));
            }
        }
        for (DemoSchool.Room room : DemoSchool.ROOMS) {
            Map<UUID, MemberRole> members = new LinkedHashMap<>();
            room.members().forEach((person, role) -> members.put(person.id(), MemberRole.fromWire(role)));
            UUID owner = room.members().entrySet().stream().filter(e -> e.getValue().equals("owner"))
                    .findFirst().orElseThrow().getKey().id();
            await(conversations.create(DemoSchool.SCHOOL, room.id(), ConversationKind.fromWire(room.kind()), room.title(),
                    owner, members));
        }
        Conversation welcome = await(conversations.create(DemoSchool.SCHOOL, DemoSchool.GROUP5_ANNOUNCEMENTS.id(),
                ConversationKind.ANNOUNCEMENT, DemoSchool.GROUP5_ANNOUNCEMENTS.title(), DemoSchool.ANNA.id(), Map.of()));
        await(messages.send(welcome, DemoSchool.ANNA.id(), "demo-welcome",
                "Welkom bij Klaslijn! Vrijdag is de excursie naar het Rijksmuseum; neem een lunchpakket mee."));
        Conversation direct = await(conversations.ensureDirect(DemoSchool.SCHOOL, DemoSchool.ANNA.id(), DemoSchool.SANNE.id()));
        await(messages.send(direct, DemoSchool.ANNA.id(), "demo-direct-1",
                "Hoi Sanne, Lotte deed het vandaag heel goed bij rekenen!"));

        Map<String, String> issued = new LinkedHashMap<>();
        for (DemoSchool.Person p : DemoSchool.PEOPLE) {
            Role role = p.role().equals("teacher") ? Role.TEACHER : Role.PARENT;
            issued.put(p.login(), tokens.issue(p.id(), DemoSchool.SCHOOL, EnumSet.of(role), TokenAudience.CHAT, TOKEN_LIFETIME));
        }
        return issued;
    }

    /** Writes the tokens as a properties file (login=token), readable only by the owner where supported. */
    public static void writeTokens(Path file, Map<String, String> tokens) {
        StringBuilder out = new StringBuilder("# Demo access tokens, valid 12 hours. Local use only.\n");
        tokens.forEach((login, token) -> out.append(login).append('=').append(token).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write demo tokens to " + file, e);
        }
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("seeding the demo school failed", e);
        }
    }
}
