package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import nl.klaslijn.chat.core.ClientFrame;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.core.StompCommand;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LeakCheck.class)
class StompParserTest {

    private final StompParser parser = new StompParser(4, 64);

    private Object parse(String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return parser.parse(buf);
        } finally {
            buf.release();
        }
    }

    private ClientFrame frame(String text) {
        return (ClientFrame) parse(text);
    }

    private static void assertError(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOf(StompException.class)
                .satisfies(e -> assertThat(((StompException) e).code()).isEqualTo(code));
    }

    @Test
    void parsesCommandHeadersAndBody() {
        ClientFrame f = frame("SEND\ndestination:/conversations/7\ncontent-type:application/json\n\n{\"t\":1}\0");
        assertThat(f.command()).isEqualTo(StompCommand.SEND);
        assertThat(f.header("destination")).isEqualTo("/conversations/7");
        assertThat(f.header("content-type")).isEqualTo("application/json");
        assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":1}");
    }

    @Test
    void treatsBareEolsAsHeartbeat() {
        assertThat(parse("\n")).isSameAs(StompParser.HEARTBEAT);
        assertThat(parse("\r\n\n")).isSameAs(StompParser.HEARTBEAT);
    }

    @Test
    void acceptsCrLfLinesLeadingEolsAndTrailingEols() {
        ClientFrame f = frame("\n\r\nSUBSCRIBE\r\nid:s1\r\ndestination:/d\r\n\r\n\0\r\n\n");
        assertThat(f.command()).isEqualTo(StompCommand.SUBSCRIBE);
        assertThat(f.header("id")).isEqualTo("s1");
        assertThat(f.header("destination")).isEqualTo("/d");
        assertThat(f.body()).isEmpty();
    }

    @Test
    void unescapesHeaderNamesAndValues() {
        ClientFrame f = frame("SEND\ndestination:/a\\cb\nx\\ny:line\\nbreak\\r\\\\end\n\n\0");
        assertThat(f.header("destination")).isEqualTo("/a:b");
        assertThat(f.header("x\ny")).isEqualTo("line\nbreak\r\\end");
    }

    @Test
    void leavesConnectHeadersUnescaped() {
        ClientFrame f = frame("CONNECT\naccept-version:1.2\npasscode:a\\b\\c\n\n\0");
        assertThat(f.header("passcode")).isEqualTo("a\\b\\c");
    }

    @Test
    void rejectsUndefinedEscape() {
        assertError(() -> parse("SEND\ndestination:/a\\tb\n\n\0"), ErrorCode.MALFORMED_FRAME);
        assertError(() -> parse("SEND\ndestination:/a\\\n\n\0"), ErrorCode.MALFORMED_FRAME);
    }

    @Test
    void keepsFirstOccurrenceOfRepeatedHeader() {
        ClientFrame f = frame("SEND\ndestination:/first\ndestination:/second\n\n\0");
        assertThat(f.header("destination")).isEqualTo("/first");
    }

    @Test
    void honoursContentLengthWithNulsInBody() {
        ClientFrame f = frame("SEND\ndestination:/d\ncontent-length:3\n\na\0b\0");
        assertThat(f.body()).containsExactly('a', 0, 'b');
    }

    @Test
    void rejectsContentLengthThatDoesNotMatch() {
        assertError(() -> parse("SEND\ncontent-length:5\n\nabc\0"), ErrorCode.MALFORMED_FRAME);
        assertError(() -> parse("SEND\ncontent-length:1\n\nabc\0"), ErrorCode.MALFORMED_FRAME);
        assertError(() -> parse("SEND\ncontent-length:-1\n\n\0"), ErrorCode.MALFORMED_FRAME);
        assertError(() -> parse("SEND\ncontent-length:x\n\n\0"), ErrorCode.MALFORMED_FRAME);
    }

    @Test
    void rejectsFrameWithoutNul() {
        assertError(() -> parse("SEND\ndestination:/d\n\nbody"), ErrorCode.MALFORMED_FRAME);
    }

    @Test
    void rejectsFrameWithoutBlankLine() {
        assertError(() -> parse("SEND\ndestination:/d\n"), ErrorCode.MALFORMED_FRAME);
        assertError(() -> parse("SEND"), ErrorCode.MALFORMED_FRAME);
    }

    @Test
    void rejectsHeaderWithoutColonOrName() {
        assertError(() -> parse("SEND\ndestination\n\n\0"), ErrorCode.MALFORMED_FRAME);
        assertError(() -> parse("SEND\n:value\n\n\0"), ErrorCode.MALFORMED_FRAME);
    }

    @Test
    void rejectsSecondFrameInOneMessage() {
        assertError(() -> parse("SEND\ndestination:/d\n\n\0SEND\ndestination:/d\n\n\0"), ErrorCode.MALFORMED_FRAME);
    }

    @Test
    void rejectsUnknownCommand() {
        assertError(() -> parse("PUBLISH\n\n\0"), ErrorCode.UNSUPPORTED_COMMAND);
        assertError(() -> parse("send\n\n\0"), ErrorCode.UNSUPPORTED_COMMAND);
    }

    @Test
    void rejectsTooManyHeaders() {
        assertThat(frame("SEND\na:1\nb:2\nc:3\nd:4\n\n\0").headers()).hasSize(4);
        assertError(() -> parse("SEND\na:1\nb:2\nc:3\nd:4\ne:5\n\n\0"), ErrorCode.TOO_MANY_HEADERS);
    }

    @Test
    void rejectsOverlongHeaderLine() {
        String value = "v".repeat(62);
        assertThat(frame("SEND\nx:" + value + "\n\n\0").header("x")).isEqualTo(value);
        assertError(() -> parse("SEND\nx:" + value + "v\n\n\0"), ErrorCode.FRAME_TOO_LARGE);
    }

    @Test
    void toleratesRawColonInValue() {
        assertThat(frame("SEND\ndestination:ws://x:1/y\n\n\0").header("destination")).isEqualTo("ws://x:1/y");
    }

    @Test
    void decodesUtf8HeadersAndKeepsIndicesOfTheMessage() {
        ByteBuf buf = Unpooled.copiedBuffer("SEND\ndestination:/groep/één\n\n\0", StandardCharsets.UTF_8);
        try {
            int reader = buf.readerIndex();
            ClientFrame f = (ClientFrame) parser.parse(buf);
            assertThat(f.header("destination")).isEqualTo("/groep/één");
            assertThat(buf.readerIndex()).isEqualTo(reader);
        } finally {
            buf.release();
        }
    }
}
