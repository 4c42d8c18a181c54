package nl.klaslijn.chat.edge;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Incremental, strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF) as a deterministic automaton over byte classes, after Björn Höhrmann's design. The state is
 * one int, so a fragmented WebSocket message carries it from fragment to fragment and fails as soon as an
 * impossible byte arrives, not only at the end.
 */
final class Utf8Validator {

    /** Complete: every code point seen so far was whole and valid. */
    static final int ACCEPT = 0;
    /** Invalid; stays invalid. */
    static final int REJECT = 1;

    // Byte classes: what a byte can be in UTF-8.
    private static final int ASCII = 0;
    private static final int CONT_80_8F = 1;
    private static final int CONT_90_9F = 2;
    private static final int CONT_A0_BF = 3;
    private static final int LEAD2 = 4; // C2..DF
    private static final int LEAD_E0 = 5;
    private static final int LEAD3 = 6; // E1..EC, EE..EF
    private static final int LEAD_ED = 7;
    private static final int LEAD_F0 = 8;
    private static final int LEAD4 = 9; // F1..F3
    private static final int LEAD_F4 = 10;
    private static final int INVALID = 11; // C0, C1, F5..FF
    private static final int CLASSES = 12;

    // States: ACCEPT, REJECT, then what the automaton still expects.
    private static final int NEED1 = 2; // one continuation byte 80..BF
    private static final int NEED2 = 3; // two continuation bytes
    private static final int NEED2_A0 = 4; // after E0: A0..BF, then one more
    private static final int NEED2_9F = 5; // after ED: 80..9F (no surrogates), then one more
    private static final int NEED3 = 6; // three continuation bytes
    private static final int NEED3_90 = 7; // after F0: 90..BF, then two more
    private static final int NEED3_8F = 8; // after F4: 80..8F (<= U+10FFFF), then two more
    private static final int STATES = 9;

    private static final byte[] CLASS = new byte[256];
    private static final byte[] NEXT = new byte[STATES * CLASSES];

    static {
        for (int b = 0; b < 256; b++) {
            int c;
            if (b < 0x80) c = ASCII;
            else if (b < 0x90) c = CONT_80_8F;
            else if (b < 0xA0) c = CONT_90_9F;
            else if (b < 0xC0) c = CONT_A0_BF;
            else if (b < 0xC2) c = INVALID;
            else if (b < 0xE0) c = LEAD2;
            else if (b == 0xE0) c = LEAD_E0;
            else if (b == 0xED) c = LEAD_ED;
            else if (b < 0xF0) c = LEAD3;
            else if (b == 0xF0) c = LEAD_F0;
            else if (b < 0xF4) c = LEAD4;
            else if (b == 0xF4) c = LEAD_F4;
            else c = INVALID;
            CLASS[b] = (byte) c;
        }
        java.util.Arrays.fill(NEXT, (byte) REJECT);
        set(ACCEPT, ASCII, ACCEPT);
        set(ACCEPT, LEAD2, NEED1);
        set(ACCEPT, LEAD_E0, NEED2_A0);
        set(ACCEPT, LEAD3, NEED2);
        set(ACCEPT, LEAD_ED, NEED2_9F);
        set(ACCEPT, LEAD_F0, NEED3_90);
        set(ACCEPT, LEAD4, NEED3);
        set(ACCEPT, LEAD_F4, NEED3_8F);
        continuations(NEED1, ACCEPT, CONT_80_8F, CONT_90_9F, CONT_A0_BF);
        continuations(NEED2, NEED1, CONT_80_8F, CONT_90_9F, CONT_A0_BF);
        continuations(NEED2_A0, NEED1, CONT_A0_BF);
        continuations(NEED2_9F, NEED1, CONT_80_8F, CONT_90_9F);
        continuations(NEED3, NEED2, CONT_80_8F, CONT_90_9F, CONT_A0_BF);
        continuations(NEED3_90, NEED2, CONT_90_9F, CONT_A0_BF);
        continuations(NEED3_8F, NEED2, CONT_80_8F);
    }

    private static void set(int state, int byteClass, int next) {
        NEXT[state * CLASSES + byteClass] = (byte) next;
    }

    private static void continuations(int state, int next, int... classes) {
        for (int c : classes) {
            set(state, c, next);
        }
    }

    private Utf8Validator() {}

    /** Runs {@code state} over the readable bytes of {@code buf} (indices untouched); returns the new state. */
    static int update(int state, ByteBuf buf) {
        if (state == REJECT || !buf.isReadable()) {
            return state;
        }
        Run run = new Run(state);
        buf.forEachByte(run);
        return run.state;
    }

    /** Whether the readable bytes of {@code buf} are complete, valid UTF-8. */
    static boolean isValid(ByteBuf buf) {
        return update(ACCEPT, buf) == ACCEPT;
    }

    private static final class Run implements ByteProcessor {
        int state;

        Run(int state) {
            this.state = state;
        }

        @Override
        public boolean process(byte value) {
            if (state == ACCEPT && value >= 0) {
                return true; // ASCII fast path
            }
            state = NEXT[state * CLASSES + CLASS[value & 0xFF]];
            return state != REJECT;
        }
    }
}
