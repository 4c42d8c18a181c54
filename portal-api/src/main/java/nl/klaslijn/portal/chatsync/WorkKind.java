package nl.klaslijn.portal.chatsync;

/** What a recorded piece of chat-sync work is about; its target id is a group id (GROUP) or an account id. */
enum WorkKind {
    /** Converge the group's two conversations with the group's people. */
    GROUP,
    /** Push the account's chat directory entry at the school (display name, role). */
    PERSON,
    /** Cut the account's live chat connections at the school and refuse tokens issued before {@code notBefore}. */
    REVOKE
}
