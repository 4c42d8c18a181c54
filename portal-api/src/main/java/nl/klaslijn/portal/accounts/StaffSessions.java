package nl.klaslijn.portal.accounts;

import nl.klaslijn.portal.people.StaffRemoved;
import nl.klaslijn.portal.people.StaffRolesChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A staff member removed from a school, or one who lost a role there, keeps no session there: their refresh tokens for
 * that school are refused from now on (they log in again, with the roles they have left). Runs synchronously in the
 * request that made the change; portal calls re-read roles per request anyway, and the chat sync cuts the chat
 * sessions.
 */
@Component
class StaffSessions {

    private final Accounts accounts;

    StaffSessions(Accounts accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void on(StaffRemoved event) {
        if (event.accountId() != null) {
            accounts.endSessionsAt(event.accountId(), event.schoolId());
        }
    }

    @EventListener
    void on(StaffRolesChanged event) {
        if (event.accountId() != null && event.lostARole()) {
            accounts.endSessionsAt(event.accountId(), event.schoolId());
        }
    }
}
