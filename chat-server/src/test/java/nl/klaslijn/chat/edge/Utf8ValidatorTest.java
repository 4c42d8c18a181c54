package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8ValidatorTest {

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean valid(byte[] bytes) {
        return Utf8Validator.isValid(Unpooled.wrappedBuffer(bytes));
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    @Test
    void acceptsWellFormedText() {
        assertThat(valid("hello, wereld: één € 𝄞".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(valid(hex("f4 8f bf bf".replace(" ", "")))).isTrue(); // U+10FFFF
    }

    @Test
    void rejectsOverlongSurrogatesAndOutOfRange() {
        assertThat(valid(hex("c080"))).isFalse(); // overlong NUL
        assertThat(valid(hex("e080af"))).isFalse(); // overlong '/'
        assertThat(valid(hex("eda080"))).isFalse(); // surrogate U+D800
        assertThat(valid(hex("f4908080"))).isFalse(); // U+110000
        assertThat(valid(hex("ff"))).isFalse();
        assertThat(valid(hex("cebae1bdb9cf83cebcceb5eda080656469746564"))).isFalse(); // Autobahn 6.3.1
    }

    @Test
    void carriesStateAcrossFragmentsAndFailsFast() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        int state = Utf8Validator.update(Utf8Validator.ACCEPT, Unpooled.wrappedBuffer(euro, 0, 1));
        assertThat(state).isNotIn(Utf8Validator.ACCEPT, Utf8Validator.REJECT); // incomplete, not wrong
        state = Utf8Validator.update(state, Unpooled.wrappedBuffer(euro, 1, 2));
        assertThat(state).isEqualTo(Utf8Validator.ACCEPT);
        assertThat(Utf8Validator.update(Utf8Validator.ACCEPT, Unpooled.wrappedBuffer(hex("eda0")))).isEqualTo(Utf8Validator.REJECT);
    }

    @Test
    void agreesWithTheJdkDecoderOnRandomInput() {
        Random random = new Random(42);
        for (int n = 0; n < 200_000; n++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            random.nextBytes(bytes);
            if (random.nextBoolean()) {
                bytes[0] = (byte) (0xC0 | random.nextInt(0x40)); // bias towards multi-byte leads
            }
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            assertThat(Utf8Validator.isValid(buf)).as("%s", java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(jdkAccepts(bytes));
        }
    }
}
