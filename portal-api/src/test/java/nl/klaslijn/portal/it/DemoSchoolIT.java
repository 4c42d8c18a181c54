package nl.klaslijn.portal.it;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.klaslijn.portal.accounts.Accounts;
import nl.klaslijn.portal.demo.DemoSchool;
import nl.klaslijn.portal.demo.DemoSeeder;
import nl.klaslijn.portal.onboarding.Onboarding;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.schools.Schools;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The base of the tests that use the local start's demo school: seeded through {@link DemoSeeder} (as the dev profile's
 * start does; idempotent, so every test class and run finds the same school), and in the chat before a test begins.
 */
abstract class DemoSchoolIT extends ChatSyncedIT {

    @Autowired
    Schools schools;

    @Autowired
    People people;

    @Autowired
    Onboarding onboarding;

    @Autowired
    Accounts accounts;

    UUID demoSchool;
    Cli cli;

    @BeforeEach
    void demoSchoolInTheChat() {
        demoSchool = new DemoSeeder(schools, people, onboarding, accounts).seed().schoolId();
        cli = new Cli(port);
        for (String email : List.of("anna@regenboog.example", "bram@regenboog.example", "sanne@regenboog.example",
                "joost@regenboog.example", "fatima@regenboog.example", "pieter@regenboog.example")) {
            UUID account = UUID.fromString(login(email).text("accountId"));
            await().atMost(CONVERGES_WITHIN).until(() -> ChatNode.directoryEntry(demoSchool, account).isPresent());
        }
        await().atMost(CONVERGES_WITHIN).until(() -> {
            Cli.Done list = cli.run("-e", "sanne@regenboog.example", "-p", DemoSchool.PASSWORD, "list");
            return list.out().contains("groep-5-mededelingen") && list.out().contains("groep-5-ouders");
        });
    }

    Api.Response login(String email) {
        return api.post("/api/auth/login", null, Map.of("email", email, "password", DemoSchool.PASSWORD));
    }
}
