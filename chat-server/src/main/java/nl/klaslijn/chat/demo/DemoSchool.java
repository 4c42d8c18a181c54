package nl.klaslijn.chat.demo;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo school of the one-command start: one school, two groups, two teachers and four parents, with
 * stable ids so a restart finds the same people and conversations again.
 */
public final class DemoSchool {

    public static final UUID SCHOOL = id("school");

    /** A demo person: login name for the command-line client, display name, role. */
    public record Person(String login, UUID id, String displayName, String role) {}

    public static final Person ANNA = new Person("anna", id("anna"), "Juf Anna (groep 5)", "teacher");
    public static final Person BRAM = new Person("bram", id("bram"), "Meester Bram (groep 7)", "teacher");
    public static final Person SANNE = new Person("sanne", id("sanne"), "Sanne (moeder van Lotte, groep 5)", "parent");
    public static final Person JOOST = new Person("joost", id("joost"), "Joost (vader van Lotte, groep 5)", "parent");
    public static final Person FATIMA = new Person("fatima", id("fatima"), "Fatima (moeder van Amir, groep 5)", "parent");
    public static final Person PIETER = new Person("pieter", id("pieter"), "Pieter (vader van Noor, groep 7)", "parent");

    public static final List<Person> PEOPLE = List.of(ANNA, BRAM, SANNE, JOOST, FATIMA, PIETER);

    /** A demo conversation with its members and roles ("owner", "member", "reader"). */
    public record Room(UUID id, String kind, String title, Map<Person, String> members) {}

    public static final Room GROUP5_ANNOUNCEMENTS = new Room(id("group5-announcements"), "announcement",
            "Groep 5 — mededelingen", Map.of(ANNA, "owner", SANNE, "reader", JOOST, "reader", FATIMA, "reader"));
    public static final Room GROUP5_PARENTS = new Room(id("group5-parents"), "group", "Groep 5 — ouders",
            Map.of(SANNE, "owner", JOOST, "member", FATIMA, "member"));
    public static final Room GROUP7_ANNOUNCEMENTS = new Room(id("group7-announcements"), "announcement",
            "Groep 7 — mededelingen", Map.of(BRAM, "owner", PIETER, "reader"));

    public static final List<Room> ROOMS = List.of(GROUP5_ANNOUNCEMENTS, GROUP5_PARENTS, GROUP7_ANNOUNCEMENTS);

    private DemoSchool() {}

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(("klaslijn-demo:" + name).getBytes(StandardCharsets.UTF_8));
    }
}
