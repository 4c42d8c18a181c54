package nl.klaslijn.portal.welcome;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.klaslijn.portal.people.Child;
import nl.klaslijn.portal.request.Membership;
import nl.klaslijn.portal.people.People;
import nl.klaslijn.portal.welcome.WelcomeView.ChildState;
import nl.klaslijn.portal.welcome.WelcomeView.Item;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The first-login welcome per person per school: the school's welcome text and a checklist, shown until acknowledged.
 * Checklist items: {@code check-details} (done once acknowledged), {@code medical-data} for parents (each child, its
 * completion from the {@link MedicalDataCompletion} hook if one is connected) and {@code change-password} (offered,
 * optional; no done state is tracked). Callers pass the gates first.
 */
@Service
public class Welcome {

    private final WelcomeStore store;
    private final People people;
    private final ObjectProvider<MedicalDataCompletion> medical;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Welcome(WelcomeStore store, People people, ObjectProvider<MedicalDataCompletion> medical, Clock clock,
            ApplicationEventPublisher events) {
        this.store = store;
        this.people = people;
        this.medical = medical;
        this.clock = clock;
        this.events = events;
    }

    /** Sets the text; publishes {@link WelcomeTextChanged} after the write. */
    public void setText(UUID schoolId, String text) {
        store.setText(schoolId, text, clock.instant());
        events.publishEvent(new WelcomeTextChanged(schoolId));
    }

    public WelcomeView of(Membership membership) {
        UUID schoolId = membership.schoolId();
        Optional<Instant> acknowledgedAt = store.acknowledgedAt(schoolId, membership.accountId());
        List<Item> checklist = new ArrayList<>();
        checklist.add(new Item("check-details", acknowledgedAt.isPresent(), false, null, null));
        if (membership.guardianId() != null) {
            checklist.add(medicalData(schoolId, people.childrenOf(schoolId, membership.guardianId())));
        }
        checklist.add(new Item("change-password", null, true, null, null));
        return new WelcomeView(schoolId, acknowledgedAt.isEmpty(), acknowledgedAt.orElse(null),
                store.text(schoolId).filter(t -> !t.isBlank()).orElse(null), checklist);
    }

    private Item medicalData(UUID schoolId, List<Child> children) {
        MedicalDataCompletion hook = medical.getIfAvailable();
        List<ChildState> states = children.stream()
                .map(c -> new ChildState(c.pupilId(), hook == null ? null : hook.isComplete(schoolId, c.pupilId())))
                .toList();
        @Nullable Boolean done = hook == null ? null : states.stream().allMatch(s -> Boolean.TRUE.equals(s.complete()));
        return new Item("medical-data", done, false, states, hook != null);
    }

    /** When the account acknowledged the welcome at the school (the data export); empty if it did not. */
    public Optional<Instant> acknowledgedAt(UUID schoolId, UUID accountId) {
        return store.acknowledgedAt(schoolId, accountId);
    }

    /** Forgets the account's acknowledgement at the school (it stops being a member there); idempotent. */
    public void forget(UUID schoolId, UUID accountId) {
        store.deleteAcknowledgement(schoolId, accountId);
    }

    /** Records that the person saw the welcome at this school; acknowledging again keeps the first moment. */
    public void acknowledge(Membership membership) {
        if (store.acknowledgedAt(membership.schoolId(), membership.accountId()).isEmpty()) {
            store.acknowledge(membership.schoolId(), membership.accountId(), clock.instant());
        }
    }
}
