package nl.klaslijn.portal.demo;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The demo school of the local start, with its fixed, documented logins (README "Try it", docs/portal-api.md): every
 * account's password is {@link #PASSWORD}. The names and groups are those the chat's demo had before it moved here.
 */
public final class DemoSchool {

    public static final String NAME = "Basisschool De Regenboog";
    public static final String PASSWORD = "klaslijn-demo";

    /** A staff member; {@code group} is the group they teach, null for none. */
    public record StaffMember(String email, String name, String role, @Nullable String group) {}

    /** A guardian of {@code pupil}; one who does not {@code register} gets a fresh onboarding token at every start. */
    public record Parent(String email, String name, String pupil, boolean classParent, boolean registers) {}

    /** A pupil with the group they are in. */
    public record Child(String firstName, String lastName, String group) {}

    public static final List<String> GROUPS = List.of("Groep 5", "Groep 7");

    public static final StaffMember ADMIN = new StaffMember("admin@regenboog.example", "Els Visser (directie)",
            "ADMINISTRATOR", null);
    public static final StaffMember ANNA = new StaffMember("anna@regenboog.example", "Juf Anna", "TEACHER", "Groep 5");
    public static final StaffMember BRAM = new StaffMember("bram@regenboog.example", "Meester Bram", "TEACHER", "Groep 7");
    public static final List<StaffMember> STAFF = List.of(ADMIN, ANNA, BRAM);

    public static final List<Child> PUPILS = List.of(new Child("Lotte", "de Jong", "Groep 5"),
            new Child("Amir", "El Idrissi", "Groep 5"), new Child("Noor", "Bakker", "Groep 7"));

    public static final List<Parent> PARENTS = List.of(
            new Parent("sanne@regenboog.example", "Sanne (moeder van Lotte)", "Lotte", true, true),
            new Parent("joost@regenboog.example", "Joost (vader van Lotte)", "Lotte", false, true),
            new Parent("fatima@regenboog.example", "Fatima (moeder van Amir)", "Amir", false, true),
            new Parent("pieter@regenboog.example", "Pieter (vader van Noor)", "Noor", false, true),
            // Not registered: the start prints a fresh onboarding token for him, to try registration with.
            new Parent("karim@regenboog.example", "Karim (vader van Amir)", "Amir", false, false));

    private DemoSchool() {}
}
