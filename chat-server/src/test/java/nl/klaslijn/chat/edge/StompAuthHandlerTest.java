package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import nl.klaslijn.chat.core.Connection;
import nl.klaslijn.common.auth.Role;
import nl.klaslijn.common.auth.TokenAudience;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class StompAuthHandlerTest {

    private final StompChannel stomp = new StompChannel();

    @AfterEach
    void close() {
        stomp.close();
    }

    @Test
    void answersConnectWithBearerTokenWithConnectedAndOpensSession() {
        StompText.Frame connected = stomp.connect();
        assertThat(connected.header("version")).isEqualTo("1.2");
        assertThat(connected.header("heart-beat")).isEqualTo("10000,10000");
        assertThat(connected.header("server")).startsWith("klaslijn/");
        assertThat(connected.header("user-name")).isEqualTo(stomp.user.toString());
        assertThat(stomp.core.opened).hasSize(1);
        Connection connection = stomp.core.opened.get(0);
        assertThat(connected.header("session")).isEqualTo(Long.toString(connection.id()));
        assertThat(connection.principal().userId()).isEqualTo(stomp.user);
        assertThat(connection.isOpen()).isTrue();
        assertThat(stomp.channel.pipeline().get(StompAuthHandler.class)).isNull();
        assertThat(stomp.channel.pipeline().get(StompDispatchHandler.class)).isNotNull();
    }

    @Test
    void acceptsTokenInPasscodeForLoginPasscodeClients() {
        stomp.send(StompText.frame("STOMP", "accept-version", "1.2", "host", "klaslijn",
                "login", "ignored", "passcode", TestTokens.valid(stomp.user)));
        assertThat(stomp.read().command()).isEqualTo("CONNECTED");
        assertThat(stomp.core.opened).hasSize(1);
    }

    @Test
    void rejectsExpiredTokenWithTokenExpired() {
        stomp.send(StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.expired(stomp.user)));
        StompText.Frame error = stomp.expectErrorAndClose("token-expired");
        assertThat(error.header("message")).isEqualTo("token expired");
        assertThat(stomp.core.opened).isEmpty();
    }

    @Test
    void rejectsTokenSignedWithAnotherKeyWithBadToken() {
        stomp.send(StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.signedWithOtherKey(stomp.user)));
        stomp.expectErrorAndClose("bad-token");
        assertThat(stomp.core.opened).isEmpty();
    }

    @Test
    void rejectsAPortalTokenAndAnInternalTokenOnConnect() {
        stomp.send(StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.forAudience(stomp.user, Set.of(Role.PARENT), TokenAudience.PORTAL)));
        assertThat(stomp.expectErrorAndClose("bad-token").header("message")).isEqualTo("token audience not accepted");

        StompChannel again = new StompChannel();
        again.send(StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.forAudience(again.user, Set.of(Role.SERVICE), TokenAudience.INTERNAL)));
        assertThat(again.expectErrorAndClose("bad-token").header("message")).isEqualTo("token audience not accepted");
        again.close();
    }

    @Test
    void rejectsAServiceTokenOnConnectEvenForTheChatAudience() {
        stomp.send(StompText.frame("CONNECT", "accept-version", "1.2",
                "Authorization", "Bearer " + TestTokens.forAudience(stomp.user, Set.of(Role.SERVICE), TokenAudience.CHAT)));
        assertThat(stomp.expectErrorAndClose("bad-token").header("message"))
                .isEqualTo("service tokens cannot open a chat session");
    }

    @Test
    void rejectsConnectWithoutTokenWithBadToken() {
        stomp.send(StompText.frame("CONNECT", "accept-version", "1.2"));
        stomp.expectErrorAndClose("bad-token");
    }

    @Test
    void rejectsClientsThatDoNotAcceptVersion12() {
        stomp.send(StompText.frame("CONNECT", "accept-version", "1.0,1.1",
                "Authorization", "Bearer " + TestTokens.valid(stomp.user)));
        stomp.expectErrorAndClose("unsupported-version");
        assertThat(stomp.core.opened).isEmpty();
    }

    @Test
    void rejectsStomp10ConnectWithoutAcceptVersion() {
        stomp.send(StompText.frame("CONNECT", "passcode", TestTokens.valid(stomp.user)));
        stomp.expectErrorAndClose("unsupported-version");
    }

    @Test
    void rejectsAnyFrameBeforeConnectWithNotConnected() {
        stomp.send(StompText.frame("SEND", "destination", "/conversations/1", "receipt", "r1"));
        StompText.Frame error = stomp.expectErrorAndClose("not-connected");
        assertThat(error.header("receipt-id")).isEqualTo("r1");
    }

    @Test
    void ignoresHeartbeatsBeforeConnect() {
        stomp.send("\n");
        assertThat(stomp.readRaw()).isNull();
        stomp.connect();
    }

    @Test
    void closesWhenNoConnectArrivesInTime() {
        stomp.advance(stomp.settings.connectTimeout().minusMillis(200));
        assertThat(stomp.channel.isOpen()).isTrue();
        stomp.advance(Duration.ofMillis(300));
        stomp.expectErrorAndClose("not-connected");
    }

    @Test
    void cancelsTheConnectTimeoutOnceConnected() {
        stomp.connect("heart-beat", "0,0");
        stomp.advance(stomp.settings.connectTimeout().plusSeconds(1));
        assertThat(stomp.channel.isOpen()).isTrue();
        assertThat(stomp.readRaw()).isNull();
    }

    @Test
    void rejectsMalformedHeartBeatHeader() {
        stomp.send(StompText.frame("CONNECT", "accept-version", "1.2", "heart-beat", "soon",
                "Authorization", "Bearer " + TestTokens.valid(stomp.user)));
        stomp.expectErrorAndClose("malformed-frame");
    }

    @Test
    void answersUnparseableFrameBeforeConnectWithMalformedFrame() {
        stomp.send("CONNECT\naccept-version:1.2\n\nno terminating nul");
        stomp.expectErrorAndClose("malformed-frame");
    }

    @Test
    void answersOversizedFrameWithFrameTooLargeThenClose1009() {
        stomp.send(StompText.frameWithBody("CONNECT", "x".repeat(stomp.settings.maxFrameBytes()), "accept-version", "1.2"));
        StompText.Frame error = stomp.read();
        assertThat(error.header("error-code")).isEqualTo("frame-too-large");
        assertThat(stomp.readClose()).isEqualTo(1009);
        assertThat(stomp.channel.isOpen()).isFalse();
    }
}
