package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import nl.klaslijn.chat.client.StompClient;
import nl.klaslijn.chat.client.StompErrorException;
import nl.klaslijn.chat.client.StompFrame;
import nl.klaslijn.chat.conversations.Conversation;
import nl.klaslijn.chat.conversations.ConversationKind;
import nl.klaslijn.chat.conversations.MemberRole;
import nl.klaslijn.portal.chatsync.GroupChannel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The chat sync against a real chat node ({@link ChatNode}, in this JVM, same Cassandra node, its own keyspace): group
 * changes made through portal-api's HTTP API show up as the chat's conversation members, and ending sessions cuts live
 * STOMP connections. The chat's state is read through the chat's own services; nothing is mocked.
 */
class ChatSyncIT extends ChatSyncedIT {

    @Autowired
    CqlSession portalSession;

    @Test
    void aGroupGetsAnAnnouncementChannelAndAParentChatWithItsPeopleInTheirRoles() {
        SchoolFixture school = school("Sync roles");
        UUID group = school.group("5A");
        SchoolFixture.Member teacher = school.teacher(group);
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Sanne", new UUID[1]);
        SchoolFixture.Member classParent = school.parentOfNewPupil(group, "Daan", new UUID[1]);
        school.classParent(group, classParent);

        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS, Map.of(teacher.accountId(), MemberRole.OWNER,
                parent.accountId(), MemberRole.READER, classParent.accountId(), MemberRole.READER));
        awaitMembers(school, group, GroupChannel.PARENTS, Map.of(parent.accountId(), MemberRole.MEMBER,
                classParent.accountId(), MemberRole.OWNER));

        Conversation announcements = ChatNode.find(school.schoolId, channel(school, group, GroupChannel.ANNOUNCEMENTS))
                .orElseThrow();
        Conversation parents = ChatNode.find(school.schoolId, channel(school, group, GroupChannel.PARENTS)).orElseThrow();
        assertThat(announcements.kind()).isEqualTo(ConversationKind.ANNOUNCEMENT);
        assertThat(announcements.title()).isEqualTo("5A — mededelingen");
        assertThat(parents.kind()).isEqualTo(ConversationKind.GROUP);
        assertThat(parents.title()).isEqualTo("5A — ouders");
    }

    @Test
    void staffAndRegisteredParentsAreInTheChatDirectory() {
        SchoolFixture school = school("Sync directory");
        UUID group = school.group("6");
        SchoolFixture.Member teacher = school.teacher(group);
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Eva", new UUID[1]);

        await().atMost(CONVERGES_WITHIN).untilAsserted(() -> {
            assertThat(ChatNode.directoryEntry(school.schoolId, teacher.accountId()))
                    .hasValueSatisfying(p -> assertThat(p.role()).isEqualTo("teacher"));
            assertThat(ChatNode.directoryEntry(school.schoolId, parent.accountId()))
                    .hasValueSatisfying(p -> assertThat(p.displayName()).isEqualTo("Parent of Eva"));
            assertThat(ChatNode.directoryEntry(school.schoolId, school.admin.accountId()))
                    .hasValueSatisfying(p -> assertThat(p.role()).isEqualTo("administrator"));
        });
    }

    @Test
    void teachersPostInTheAnnouncementChannelAndParentsReadButCannotPost() {
        SchoolFixture school = school("Sync posting");
        UUID group = school.group("7");
        SchoolFixture.Member teacher = school.teacher(group);
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Mila", new UUID[1]);
        UUID channel = channel(school, group, GroupChannel.ANNOUNCEMENTS);
        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS,
                Map.of(teacher.accountId(), MemberRole.OWNER, parent.accountId(), MemberRole.READER));

        try (StompClient teacherChat = ChatNode.connect(teacher.chatToken());
                StompClient parentChat = ChatNode.connect(parent.chatToken())) {
            ChatNode.await(teacherChat.sendMessage(channel, "m-1", "Morgen gym!"));
            StompFrame received = nextEventOtherThanPresence(parentChat);
            assertThat(received).isNotNull();
            assertThat(received.body()).contains("Morgen gym!");

            assertThatThrownBy(() -> ChatNode.await(parentChat.sendMessage(channel, "m-2", "Ok")))
                    .hasRootCauseInstanceOf(StompErrorException.class)
                    .rootCause().hasMessageContaining("forbidden");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGuardianWhoRegistersJoinsBothConversations() {
        SchoolFixture school = school("Sync registration");
        UUID group = school.group("3B");
        SchoolFixture.Member teacher = school.teacher(group);
        UUID pupil = school.pupil(group, "Noor");
        UUID guardian = school.guardian(pupil, "Ilse");
        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS, Map.of(teacher.accountId(), MemberRole.OWNER));
        assertThat(ChatNode.find(school.schoolId, channel(school, group, GroupChannel.PARENTS)))
                .as("no parent chat while no parent has an account").isEmpty();

        SchoolFixture.Member parent = school.register(school.tokenFor(group, guardian, pupil));

        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS,
                Map.of(teacher.accountId(), MemberRole.OWNER, parent.accountId(), MemberRole.READER));
        awaitMembers(school, group, GroupChannel.PARENTS, Map.of(parent.accountId(), MemberRole.MEMBER));
    }

    @Test
    void aPupilMovingGroupsTakesTheGuardianAlong() {
        SchoolFixture school = school("Sync move");
        UUID from = school.group("4A");
        UUID to = school.group("5A");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(from, "Lars", pupil);
        SchoolFixture.Member stays = school.parentOfNewPupil(from, "Bo", new UUID[1]);
        awaitMembers(school, from, GroupChannel.PARENTS,
                Map.of(parent.accountId(), MemberRole.MEMBER, stays.accountId(), MemberRole.MEMBER));

        Api.Response moved = api.put(school.path("/pupils/" + pupil[0] + "/group"), school.admin.accessToken(),
                Map.of("groupId", to.toString()));
        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);

        awaitMembers(school, from, GroupChannel.PARENTS, Map.of(stays.accountId(), MemberRole.MEMBER));
        awaitMembers(school, from, GroupChannel.ANNOUNCEMENTS, Map.of(stays.accountId(), MemberRole.READER));
        awaitMembers(school, to, GroupChannel.PARENTS, Map.of(parent.accountId(), MemberRole.MEMBER));
        awaitMembers(school, to, GroupChannel.ANNOUNCEMENTS, Map.of(parent.accountId(), MemberRole.READER));
    }

    @Test
    void removingATeacherOrAClassParentRoleChangesTheirMembership() {
        SchoolFixture school = school("Sync removals");
        UUID group = school.group("8");
        SchoolFixture.Member teacher = school.teacher(group);
        SchoolFixture.Member classParent = school.parentOfNewPupil(group, "Jip", new UUID[1]);
        school.classParent(group, classParent);
        awaitMembers(school, group, GroupChannel.PARENTS, Map.of(classParent.accountId(), MemberRole.OWNER));
        UUID staffId = UUID.fromString(api.get("/api/me", teacher.accessToken()).text("staffId"));
        UUID guardianId = UUID.fromString(api.get("/api/me", classParent.accessToken()).text("guardianId"));

        assertThat(api.delete(school.path("/groups/" + group + "/teachers/" + staffId), school.admin.accessToken())
                .status()).isEqualTo(204);
        assertThat(api.delete(school.path("/groups/" + group + "/class-parents/" + guardianId),
                school.admin.accessToken()).status()).isEqualTo(204);

        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS, Map.of(classParent.accountId(), MemberRole.READER));
        awaitMembers(school, group, GroupChannel.PARENTS, Map.of(classParent.accountId(), MemberRole.MEMBER));
    }

    @Test
    void changesMadeWhileTheChatIsDownArriveOnceItIsBack() {
        SchoolFixture school = school("Sync outage");
        UUID group = school.group("2");
        SchoolFixture.Member teacher = school.teacher(group);
        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS, Map.of(teacher.accountId(), MemberRole.OWNER));

        ChatNode.stop();
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Fenna", new UUID[1]);
        assertThat(pendingWork(school.schoolId)).as("recorded durably while the chat is down").isPositive();
        ChatNode.start();

        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS,
                Map.of(teacher.accountId(), MemberRole.OWNER, parent.accountId(), MemberRole.READER));
        awaitMembers(school, group, GroupChannel.PARENTS, Map.of(parent.accountId(), MemberRole.MEMBER));
        await().atMost(CONVERGES_WITHIN).until(() -> pendingWork(school.schoolId) == 0);
    }

    @Test
    void aConversationTheChatLostIsCreatedAgainOnTheNextChange() {
        SchoolFixture school = school("Sync lost");
        UUID group = school.group("1A");
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Vera", new UUID[1]);
        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS, Map.of(parent.accountId(), MemberRole.READER));
        ChatNode.stop();
        ChatNode.forget(school.schoolId, channel(school, group, GroupChannel.ANNOUNCEMENTS));
        ChatNode.start();
        assertThat(ChatNode.find(school.schoolId, channel(school, group, GroupChannel.ANNOUNCEMENTS))).isEmpty();

        SchoolFixture.Member teacher = school.teacher(group);

        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS,
                Map.of(parent.accountId(), MemberRole.READER, teacher.accountId(), MemberRole.OWNER));
    }

    @Test
    void loggingOutEverywhereCutsALiveChatConnectionWithinSeconds() throws Exception {
        SchoolFixture school = school("Sync logout");
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("2"), "Tess", new UUID[1]);
        StompClient chat = ChatNode.connect(parent.chatToken());
        clock.advance(Duration.ofSeconds(2)); // the revocation falls in a later second than the token's issue time

        assertThat(api.post("/api/me/logout-everywhere", parent.accessToken(), null).status()).isEqualTo(204);

        assertCutWithinSeconds(chat);
        assertThatThrownBy(() -> ChatNode.connect(parent.chatToken()))
                .as("a token issued before the revocation is refused").isInstanceOf(StompErrorException.class);
    }

    @Test
    void aPasswordChangeCutsLiveChatConnectionsAndTheNewSessionConnects() throws Exception {
        SchoolFixture school = school("Sync password");
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("3"), "Luuk", new UUID[1]);
        StompClient chat = ChatNode.connect(parent.chatToken());
        clock.advance(Duration.ofSeconds(2));

        Api.Response changed = api.put("/api/me/password", parent.accessToken(),
                Map.of("currentPassword", SchoolFixture.PASSWORD, "newPassword", "a brand new passphrase"));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);

        assertCutWithinSeconds(chat);
        try (StompClient again = ChatNode.connect(changed.text("chatToken"))) {
            assertThat(again.connectedFrame().header("user-name")).isEqualTo(parent.accountId().toString());
        }
    }

    @Test
    void unlinkingAGuardianRemovesThemFromTheConversationsAndCutsTheirConnection() throws Exception {
        SchoolFixture school = school("Sync unlink");
        UUID group = school.group("6B");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Roos", pupil);
        SchoolFixture.Member other = school.parentOfNewPupil(group, "Siem", new UUID[1]);
        awaitMembers(school, group, GroupChannel.PARENTS,
                Map.of(parent.accountId(), MemberRole.MEMBER, other.accountId(), MemberRole.MEMBER));
        StompClient chat = ChatNode.connect(parent.chatToken());
        clock.advance(Duration.ofSeconds(2));
        UUID guardian = UUID.fromString(api.get("/api/me", parent.accessToken()).text("guardianId"));

        assertThat(api.delete(school.path("/pupils/" + pupil[0] + "/guardians/" + guardian), school.admin.accessToken())
                .status()).isEqualTo(204);

        assertCutWithinSeconds(chat);
        awaitMembers(school, group, GroupChannel.PARENTS, Map.of(other.accountId(), MemberRole.MEMBER));
        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS, Map.of(other.accountId(), MemberRole.READER));
    }

    @Test
    void aGuardiansStaffOnlyChoiceReachesTheChatSoOtherParentsCannotOpenADirectChatButStaffCan() {
        SchoolFixture school = school("Sync staff only");
        UUID group = school.group("4B");
        SchoolFixture.Member teacher = school.teacher(group);
        SchoolFixture.Member shy = school.parentOfNewPupil(group, "Anna", new UUID[1]);
        SchoolFixture.Member other = school.parentOfNewPupil(group, "Bram", new UUID[1]);
        awaitDirectoryContact(school, shy, false);

        saveStaffContactOnly(shy, true);

        awaitDirectoryContact(school, shy, true);
        String direct = "{\"userId\":\"" + shy.accountId() + "\"}";
        try (StompClient parentChat = ChatNode.connect(other.chatToken());
                StompClient teacherChat = ChatNode.connect(teacher.chatToken())) {
            ChatNode.await(parentChat.subscribe("/user/replies"));
            ChatNode.await(teacherChat.subscribe("/user/replies"));
            assertThatThrownBy(() -> ChatNode.await(parentChat.request("/app/direct", direct)))
                    .rootCause().isInstanceOfSatisfying(StompErrorException.class,
                            e -> assertThat(e.errorCode()).isEqualTo("forbidden"));
            assertThat(ChatNode.await(teacherChat.request("/app/direct", direct)).header("event-type"))
                    .isEqualTo("direct");
        }

        saveStaffContactOnly(shy, false);

        awaitDirectoryContact(school, shy, false);
        try (StompClient parentChat = ChatNode.connect(other.chatToken())) {
            ChatNode.await(parentChat.subscribe("/user/replies"));
            assertThat(ChatNode.await(parentChat.request("/app/direct", direct)).header("event-type"))
                    .as("after choosing contact by anyone again").isEqualTo("direct");
        }
    }

    /**
     * Deleting a pupil's data: their only-child guardian leaves the group's conversations and their live connection is
     * cut; a guardian with a child left in another group leaves this group's conversations only and stays connected.
     */
    @Test
    void deletingAPupilRemovesTheirGuardiansFromTheGroupsConversations() throws Exception {
        SchoolFixture school = school("Sync deletion");
        UUID group = school.group("6A");
        UUID otherGroup = school.group("3A");
        UUID[] onlyChild = new UUID[1];
        UUID[] olderSibling = new UUID[1];
        SchoolFixture.Member leaving = school.parentOfNewPupil(group, "Roos", onlyChild);
        SchoolFixture.Member staying = school.parentOfNewPupil(group, "Siem", olderSibling);
        SchoolFixture.Member bystander = school.parentOfNewPupil(group, "Fem", new UUID[1]);
        UUID youngerSibling = school.pupil(otherGroup, "Mees");
        assertThat(api.put(school.path("/pupils/" + youngerSibling + "/guardians/" + school.guardianIdOf(staying)),
                school.admin.accessToken(), null).status()).isEqualTo(204);
        awaitMembers(school, group, GroupChannel.PARENTS, Map.of(leaving.accountId(), MemberRole.MEMBER,
                staying.accountId(), MemberRole.MEMBER, bystander.accountId(), MemberRole.MEMBER));
        awaitMembers(school, otherGroup, GroupChannel.PARENTS, Map.of(staying.accountId(), MemberRole.MEMBER));
        StompClient leavingChat = ChatNode.connect(leaving.chatToken());
        StompClient stayingChat = ChatNode.connect(staying.chatToken());
        clock.advance(Duration.ofSeconds(2));

        assertThat(api.delete(school.path("/pupils/" + onlyChild[0]), school.admin.accessToken()).status()).isEqualTo(204);
        assertThat(api.delete(school.path("/pupils/" + olderSibling[0]), school.admin.accessToken()).status())
                .isEqualTo(204);

        assertCutWithinSeconds(leavingChat);
        awaitMembers(school, group, GroupChannel.PARENTS, Map.of(bystander.accountId(), MemberRole.MEMBER));
        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS, Map.of(bystander.accountId(), MemberRole.READER));
        awaitMembers(school, otherGroup, GroupChannel.PARENTS, Map.of(staying.accountId(), MemberRole.MEMBER));
        await().atMost(CONVERGES_WITHIN).until(() -> pendingWork(school.schoolId) == 0);
        assertThat(stayingChat.closed()).as("a guardian with a child left keeps their connection").isNotDone();
        await().atMost(CONVERGES_WITHIN).untilAsserted(() -> assertThat(
                ChatNode.directoryEntry(school.schoolId, leaving.accountId())).as("gone from the chat directory").isEmpty());
        assertThat(ChatNode.directoryEntry(school.schoolId, staying.accountId())).isPresent();
        stayingChat.close();
    }

    @Test
    void switchingTheChatModuleOffMakesTheChatAnswerModuleOffToTheSchoolsUsersAndOnAgainLetsThemIn() {
        SchoolFixture school = school("Sync module");
        UUID group = school.group("5C");
        SchoolFixture.Member teacher = school.teacher(group);
        SchoolFixture.Member parent = school.parentOfNewPupil(group, "Lotte", new UUID[1]);
        SchoolFixture elsewhere = school("Sync module elsewhere");
        SchoolFixture.Member neighbour = elsewhere.parentOfNewPupil(elsewhere.group("5C"), "Nina", new UUID[1]);
        UUID channel = channel(school, group, GroupChannel.ANNOUNCEMENTS);
        awaitMembers(school, group, GroupChannel.ANNOUNCEMENTS,
                Map.of(teacher.accountId(), MemberRole.OWNER, parent.accountId(), MemberRole.READER));

        Api.Response off = api.put(school.path("/modules"), school.admin.accessToken(), Map.of("chat", false));
        assertThat(off.status()).as(off.body().toString()).isEqualTo(200);

        await().atMost(CONVERGES_WITHIN).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            try (StompClient parentChat = ChatNode.connect(parent.chatToken())) {
                ChatNode.await(parentChat.subscribe("/user/replies"));
                assertThatThrownBy(() -> ChatNode.await(parentChat.request("/app/conversations", "{}")))
                        .rootCause().isInstanceOfSatisfying(StompErrorException.class,
                                e -> assertThat(e.errorCode()).isEqualTo("module-off"));
            }
        });
        try (StompClient teacherChat = ChatNode.connect(teacher.chatToken())) {
            assertThatThrownBy(() -> ChatNode.await(teacherChat.sendMessage(channel, "m-off", "Morgen vrij")))
                    .rootCause().isInstanceOfSatisfying(StompErrorException.class,
                            e -> assertThat(e.errorCode()).isEqualTo("module-off"));
        }
        try (StompClient other = ChatNode.connect(neighbour.chatToken())) {
            ChatNode.await(other.subscribe("/user/replies"));
            assertThat(ChatNode.await(other.request("/app/conversations", "{}")).header("event-type"))
                    .as("another school keeps its chat").isEqualTo("conversations");
        }

        assertThat(api.put(school.path("/modules"), school.admin.accessToken(), Map.of("chat", true)).status())
                .isEqualTo(200);

        await().atMost(CONVERGES_WITHIN).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            try (StompClient teacherChat = ChatNode.connect(teacher.chatToken())) {
                assertThat(ChatNode.await(teacherChat.sendMessage(channel, "m-on", "Morgen gym")).header("message-id"))
                        .isNotNull();
            }
        });
    }

    @Test
    void aPasswordResetCutsLiveChatConnections() throws Exception {
        SchoolFixture school = school("Sync reset");
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("4"), "Jesse", new UUID[1]);
        StompClient chat = ChatNode.connect(parent.chatToken());
        clock.advance(Duration.ofSeconds(2));
        assertThat(api.post("/api/auth/password-reset", null, Map.of("email", parent.email())).status()).isEqualTo(202);
        await().atMost(CONVERGES_WITHIN).until(() -> !TestMail.to(parent.email()).isEmpty());
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("password-reset#token=([A-Za-z0-9_-]{43})")
                .matcher(TestMail.text(TestMail.to(parent.email()).get(0)));
        assertThat(link.find()).as("a reset link in the mail").isTrue();

        Api.Response done = api.post("/api/auth/password-reset/complete", null,
                Map.of("token", link.group(1), "newPassword", "a brand new passphrase"));
        assertThat(done.status()).as(done.body().toString()).isEqualTo(204);

        assertCutWithinSeconds(chat);
        assertThatThrownBy(() -> ChatNode.connect(parent.chatToken()))
                .as("a token issued before the reset is refused").isInstanceOf(StompErrorException.class);
    }

    /** The year-end move goes through the same moves and deletions, so the chat follows it. */
    @Test
    void theYearEndMoveTakesMovedGuardiansAlongAndLeaversOut() throws Exception {
        SchoolFixture school = school("Sync year end");
        UUID seven = school.group("7");
        UUID eight = school.group("8");
        SchoolFixture.Member teacher = school.teacher(seven);
        UUID[] moving = new UUID[1];
        UUID[] leaving = new UUID[1];
        SchoolFixture.Member mover = school.parentOfNewPupil(seven, "Bas", moving);
        SchoolFixture.Member leaver = school.parentOfNewPupil(seven, "Isa", leaving);
        awaitMembers(school, seven, GroupChannel.PARENTS,
                Map.of(mover.accountId(), MemberRole.MEMBER, leaver.accountId(), MemberRole.MEMBER));
        StompClient leaverChat = ChatNode.connect(leaver.chatToken());
        clock.advance(Duration.ofSeconds(2));

        Api.Response moved = api.post(school.path("/year-end-move"), school.admin.accessToken(), Map.of(
                "moveId", "2026-2027",
                "groups", java.util.List.of(Map.of("from", seven.toString(), "to", eight.toString())),
                "pupils", java.util.List.of(Map.of("pupilId", leaving[0].toString(), "leave", true))));
        assertThat(moved.status()).as(moved.body().toString()).isEqualTo(200);

        assertCutWithinSeconds(leaverChat);
        awaitMembers(school, eight, GroupChannel.PARENTS, Map.of(mover.accountId(), MemberRole.MEMBER));
        awaitMembers(school, eight, GroupChannel.ANNOUNCEMENTS, Map.of(mover.accountId(), MemberRole.READER));
        awaitMembers(school, seven, GroupChannel.PARENTS, Map.of());
        awaitMembers(school, seven, GroupChannel.ANNOUNCEMENTS, Map.of(teacher.accountId(), MemberRole.OWNER));
    }

    private void saveStaffContactOnly(SchoolFixture.Member guardian, boolean staffOnly) {
        Api.Response r = api.put("/api/me/profile/guardian", guardian.accessToken(), Map.of(
                "sharedWithGroupParents", java.util.List.of(), "visibleToOtherGuardians", false,
                "staffContactOnly", staffOnly));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    private static void awaitDirectoryContact(SchoolFixture school, SchoolFixture.Member person, boolean staffOnly) {
        await().atMost(CONVERGES_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ChatNode.directoryEntry(school.schoolId, person.accountId()))
                        .hasValueSatisfying(p -> assertThat(p.staffOnly()).as("staff only").isEqualTo(staffOnly)));
    }

    /**
     * The next event within 10 seconds that is not a {@code presence} event (those arrive whenever someone sharing a
     * group conversation, the parent themself included, comes online); null if none.
     */
    private static StompFrame nextEventOtherThanPresence(StompClient chat) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            StompFrame frame = chat.messages().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null || !"presence".equals(frame.header("event-type"))) {
                return frame;
            }
        }
    }

    /** The live connection was closed by the chat with an ERROR {@code session-revoked} within 5 seconds. */
    private static void assertCutWithinSeconds(StompClient chat) throws Exception {
        StompFrame error = chat.closed().get(5, TimeUnit.SECONDS);
        assertThat(error).as("closed with an ERROR frame").isNotNull();
        assertThat(error.header("error-code")).isEqualTo("session-revoked");
    }

    private long pendingWork(UUID schoolId) {
        return portalSession.execute(portalSession.prepare(
                "SELECT target_id FROM chat_sync_work WHERE school_id = ? ALLOW FILTERING").bind(schoolId)).all().size();
    }

    private static UUID channel(SchoolFixture school, UUID group, GroupChannel channel) {
        return channel.conversationId(school.schoolId, group);
    }

    private static void awaitMembers(SchoolFixture school, UUID group, GroupChannel channel,
            Map<UUID, MemberRole> expected) {
        await().atMost(CONVERGES_WITHIN).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ChatNode.members(school.schoolId, channel(school, group, channel)))
                        .as(channel.name()).isEqualTo(expected));
    }
}
