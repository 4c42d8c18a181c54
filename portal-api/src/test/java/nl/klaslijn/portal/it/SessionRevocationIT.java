package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompErrorException;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.common.auth.TokenAudience;
import org.junit.jupiter.api.Test;

/**
 * Ending one device's session and changing staff end exactly the right chat sessions, through the chat sync against a
 * real chat node ({@link ChatNode}): logout of one device and refresh-token reuse close that session's (sid's) chat
 * connection and leave the account's other devices connected; a removed staff member and one who lost a role lose
 * their chat connection and their refresh token at the school.
 */
class SessionRevocationIT extends ChatSyncedIT {

    @Test
    void everyAccessTokenOfASessionCarriesItsFamilyAsSid() throws Exception {
        SchoolFixture school = school("Sid");
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("1"), "Bo", new UUID[1]);
        UUID sid = verifier.verify(parent.accessToken(), TokenAudience.PORTAL).sessionId();
        assertThat(sid).isNotNull();
        Api.Response next = refresh(parent.refreshToken());
        assertThat(verifier.verify(next.text("accessToken"), TokenAudience.PORTAL).sessionId()).as("the same session after rotation").isEqualTo(sid);
        assertThat(verifier.verify(login(parent).text("accessToken"), TokenAudience.PORTAL).sessionId()).as("a new login is a new session")
                .isNotEqualTo(sid);
    }

    @Test
    void loggingOutOneDeviceClosesThatDevicesChatConnectionAndLeavesTheOtherOpen() throws Exception {
        SchoolFixture school = school("Logout one");
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("2"), "Tess", new UUID[1]);
        Api.Response tablet = login(parent);
        StompClient onPhone = ChatNode.connect(parent.chatToken());
        StompClient onTablet = ChatNode.connect(tablet.text("chatToken"));
        try {
            assertThat(api.post("/api/auth/logout", null, Map.of("refreshToken", parent.refreshToken())).status())
                    .isEqualTo(204);

            assertRevoked(onPhone);
            assertStillServed(onTablet);
            assertThatThrownBy(() -> ChatNode.connect(parent.chatToken()))
                    .as("the logged-out device's token is refused").isInstanceOf(StompErrorException.class);
            ChatNode.connect(tablet.text("chatToken")).close();
        } finally {
            onTablet.close();
        }
    }

    @Test
    void reusingARefreshTokenClosesTheChatConnectionOfThatSession() throws Exception {
        SchoolFixture school = school("Reuse");
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("3"), "Luuk", new UUID[1]);
        Api.Response other = login(parent);
        Api.Response rotated = refresh(parent.refreshToken());
        StompClient stolen = ChatNode.connect(rotated.text("chatToken"));
        StompClient otherDevice = ChatNode.connect(other.text("chatToken"));
        try {
            assertThat(refresh(parent.refreshToken()).problem()).isEqualTo("refresh-reused");

            assertRevoked(stolen);
            assertStillServed(otherDevice);
        } finally {
            otherDevice.close();
        }
    }

    @Test
    void aRemovedStaffMemberLosesTheirChatConnectionAndRefreshToken() throws Exception {
        SchoolFixture school = school("Remove staff");
        SchoolFixture.Member teacher = school.teacher(school.group("4"));
        StompClient chat = ChatNode.connect(teacher.chatToken());

        Api.Response removed = api.delete(school.path("/staff/" + staffId(teacher)), school.admin.accessToken());
        assertThat(removed.status()).as(removed.body().toString()).isEqualTo(204);

        assertRevoked(chat);
        assertThat(refresh(teacher.refreshToken()).problem()).isEqualTo("refresh-revoked");
        assertThat(api.get(school.path(""), teacher.accessToken()).status()).as("portal re-reads the roles").isEqualTo(404);
    }

    @Test
    void aStaffMemberWhoLostARoleLosesTheirChatConnectionAndRefreshToken() throws Exception {
        SchoolFixture school = school("Lose role");
        SchoolFixture.Member staff = school.staff("Directeur", "TEACHER", "ADMINISTRATOR");
        StompClient chat = ChatNode.connect(staff.chatToken());

        Api.Response changed = api.put(school.path("/staff/" + staffId(staff) + "/roles"), school.admin.accessToken(),
                Map.of("roles", List.of("TEACHER")));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);

        assertRevoked(chat);
        assertThat(refresh(staff.refreshToken()).problem()).isEqualTo("refresh-revoked");
        assertThat(verifier.verify(login(staff).text("accessToken"), TokenAudience.PORTAL).roles()).as("a new login carries the roles left")
                .containsExactly(nl.klaslijn.common.auth.Role.TEACHER);
    }

    @Test
    void staffChangesAreValidatedAndAdministratorsCannotLockThemselvesOut() {
        SchoolFixture school = school("Staff rules");
        UUID self = staffId(school.admin);
        assertThat(api.put(school.path("/staff/" + self + "/roles"), school.admin.accessToken(),
                Map.of("roles", List.of("TEACHER"))).problem()).isEqualTo("own-admin-role");
        assertThat(api.delete(school.path("/staff/" + self), school.admin.accessToken()).problem())
                .isEqualTo("own-staff-record");
        assertThat(api.put(school.path("/staff/" + self + "/roles"), school.admin.accessToken(),
                Map.of("roles", List.of())).status()).isEqualTo(400);
        assertThat(api.delete(school.path("/staff/" + UUID.randomUUID()), school.admin.accessToken()).status())
                .isEqualTo(404);
        SchoolFixture.Member teacher = school.staff("Juf", "TEACHER");
        assertThat(api.delete(school.path("/staff/" + self), teacher.accessToken()).status())
                .as("only administrators").isEqualTo(403);
    }

    private Api.Response login(SchoolFixture.Member member) {
        Api.Response r = api.post("/api/auth/login", null, Map.of("email", member.email(), "password",
                SchoolFixture.PASSWORD));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r;
    }

    private Api.Response refresh(String refreshToken) {
        return api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    private UUID staffId(SchoolFixture.Member member) {
        return UUID.fromString(api.get("/api/me", member.accessToken()).text("staffId"));
    }

    /** The chat closed the connection with ERROR {@code session-revoked} (the sync delivers within seconds). */
    private static void assertRevoked(StompClient chat) throws Exception {
        StompFrame error = chat.closed().get(15, TimeUnit.SECONDS);
        assertThat(error).as("closed with an ERROR frame").isNotNull();
        assertThat(error.header("error-code")).isEqualTo("session-revoked");
    }

    /** The connection still answers requests (the revocation that closed another device went by without touching it). */
    private static void assertStillServed(StompClient chat) {
        ChatNode.await(chat.subscribe("/user/replies"));
        assertThat(ChatNode.await(chat.request("/app/settings", "{}")).header("event-type")).isEqualTo("settings");
        assertThat(chat.closed()).isNotDone();
    }
}
