package nl.klaslijn.portal.chatsync;

/**
 * What a recorded piece of chat-sync work is about; its target id is a group id (GROUP), an account id (PERSON,
 * REVOKE, ERASE), a pupil id
 * (PUPIL_GUARDIANS) or the school id (SETTINGS).
 */
enum WorkKind {
    /** Converge the group's two conversations with the group's people. */
    GROUP,
    /** Push the account's chat directory entry at the school (display name, role). */
    PERSON,
    /** Cut the account's live chat connections at the school and refuse tokens issued before {@code notBefore}. */
    REVOKE,
    /**
     * Cut one session's live chat connections (one device) and refuse its tokens; the target id is the session id
     * (the {@code sid} claim), the work's account id names whose session it is.
     */
    REVOKE_SESSION,
    /** Put the school's chat settings (the chat module switch); the target id is the school id. */
    SETTINGS,
    /**
     * Erase what the chat holds on the account at the school (a guardian deleted there); skipped when the account is
     * someone at the school again (e.g. staff) by the time the work is done.
     */
    ERASE,
    /**
     * Put the pupil's registered guardians (their account ids) to the chat, which re-checks GUARDIANS audiences of
     * portal events with them; the target id is the pupil id. A pupil no longer at the school is deleted there.
     * Marked by the GROUP work for each pupil of the group, and when a pupil is removed.
     */
    PUPIL_GUARDIANS
}
