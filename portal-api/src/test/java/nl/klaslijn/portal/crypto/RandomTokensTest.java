package nl.klaslijn.portal.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomTokensTest {

    @Test
    void printableTokensCarry160BitsInEightGroupsOfFour() {
        String token = RandomTokens.printable();

        assertThat(token).matches("([A-Z2-7]{4}-){7}[A-Z2-7]{4}");
        assertThat(RandomTokens.canonical(token)).hasSize(32); // 32 x 5 bits = 160 bits
    }

    @Test
    void canonicalFormIgnoresCaseDashesAndSpaces() {
        assertThat(RandomTokens.canonical("abcd-EFGH ijkl")).isEqualTo("ABCDEFGHIJKL");
    }

    @Test
    void canonicalFormRejectsCharactersOutsideBase32() {
        assertThat(RandomTokens.canonical("ABC0")).isNull();
        assertThat(RandomTokens.canonical("ABC!")).isNull();
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.add(RandomTokens.printable())).isTrue();
            assertThat(seen.add(RandomTokens.opaque())).isTrue();
        }
    }

    @Test
    void opaqueTokensAreBase64UrlOf256Bits() {
        assertThat(RandomTokens.opaque()).matches("[A-Za-z0-9_-]{43}");
    }
}
