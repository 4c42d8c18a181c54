package nl.klaslijn.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void anIpv4AddressIsItsOwnNetwork() {
        assertThat(ClientNetwork.of("192.0.2.10")).isEqualTo(ClientNetwork.of("192.0.2.10"))
                .isNotEqualTo(ClientNetwork.of("192.0.2.11"));
    }

    @Test
    void ipv6AddressesInOneSlash64AreOneNetwork() {
        assertThat(ClientNetwork.of("2001:db8:1:1::1")).isEqualTo(ClientNetwork.of("2001:db8:1:1:ffff:ffff:ffff:ffff"))
                .isEqualTo(ClientNetwork.of("[2001:db8:1:1::beef]"))
                .isNotEqualTo(ClientNetwork.of("2001:db8:1:2::1"));
    }

    @Test
    void anIpv4MappedIpv6AddressCountsAsItsIpv4Address() {
        assertThat(ClientNetwork.of("::ffff:192.0.2.10")).isEqualTo(ClientNetwork.of("192.0.2.10"));
    }

    @Test
    void somethingThatIsNotAnIpLiteralIsNeverResolvedAndCountsAsItself() {
        assertThat(ClientNetwork.of("localhost")).isEqualTo("other:localhost");
        assertThat(ClientNetwork.of("example.org")).isEqualTo("other:example.org");
    }
}
