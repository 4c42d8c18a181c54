package nl.klaslijn.portal.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.klaslijn.portal.accounts.Accounts;
import nl.klaslijn.portal.onboarding.Onboarding;
import nl.klaslijn.portal.onboarding.PrintedToken;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.schools.Schools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In the local start only (dev profile, {@code klaslijn.demo.enabled}, default true there): seeds the demo school once
 * the application is ready, and writes the unregistered guardians' fresh onboarding tokens to
 * {@code klaslijn.demo.onboarding-file}. The logins themselves are fixed ({@link DemoSchool}).
 */
@Component
@Profile("dev")
@ConditionalOnProperty(name = "klaslijn.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoStart implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(DemoStart.class);

    private final DemoSeeder seeder;
    private final Path onboardingFile;

    DemoStart(Schools schools, People people, Onboarding onboarding, Accounts accounts,
            @Value("${klaslijn.demo.onboarding-file:.klaslijn/demo-onboarding.txt}") Path onboardingFile) {
        this.seeder = new DemoSeeder(schools, people, onboarding, accounts);
        this.onboardingFile = onboardingFile;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        DemoSeeder.Seeded seeded = seeder.seed();
        StringBuilder text = new StringBuilder("# Onboarding tokens of the demo school's unregistered guardians (fresh at")
                .append(" every start). Register with one: POST /api/registrations {token, email, password}.\n");
        for (PrintedToken token : seeded.onboardingTokens()) {
            text.append(token.guardianName()).append(" (").append(token.pupilName()).append(", ")
                    .append(token.groupName()).append("): ").append(token.token()).append('\n');
        }
        try {
            Path parent = onboardingFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(onboardingFile, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo onboarding tokens to " + onboardingFile, e);
        }
        log.info("Demo school \"{}\" ready (logins: docs/portal-api.md, \"The demo school\"); onboarding tokens in {}",
                DemoSchool.NAME, onboardingFile);
    }
}
