package nl.klaslijn.chat.delivery;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * One event travelling between chat nodes over the broker, encoded once by the publishing node and
 * decoded once by each receiving node. The {@code body} is the JSON the clients receive, so no node
 * re-encodes it.
 *
 * <p>Wire layout (big-endian): kind (1 byte), school (16), conversation (16, zero when none), user (16,
 * zero when none), value (8: a message id, a read pointer, a time in epoch millis, or 0), then the body.
 *
 * @param kind what happened
 * @param school the tenant the event belongs to
 * @param conversation the conversation it is about, or {@link #NONE}
 * @param user the user it is about (sender, reader, typist, member), or {@link #NONE}
 * @param value kind-specific number (see {@link Kind})
 * @param body kind-specific JSON, sent to clients unchanged
 *
 * <p>A new kind is added at the end of {@link Kind} (the wire carries its ordinal), with one {@link LiveEventHandler}
 * registered for it.
 */
public record LiveEvent(Kind kind, UUID school, UUID conversation, UUID user, long value, byte[] body) {

    public static final UUID NONE = new UUID(0, 0);
    private static final int HEADER = 1 + 16 + 16 + 16 + 8;

    public enum Kind {
        /** A stored message; value = message id, user = sender. */
        MESSAGE,
        /** A member's read pointer moved; value = read up to, user = reader (NONE when hidden). */
        READ,
        /** A member's delivered pointer moved; value = delivered up to, user = recipient. */
        DELIVERED,
        /** A member is typing; user = typist. */
        TYPING,
        /** A user's presence changed; user = whose, value = last seen (epoch millis). */
        PRESENCE,
        /** A user joined (value 1) or left (value 0) a conversation; published on the school channel. */
        MEMBERSHIP,
        /** For the user's own devices only: body is a client event whose type is in the body; school channel. */
        OWN_DEVICES,
        /** A user (user set) or the school (user NONE) changed settings; published on the school channel. */
        SETTINGS,
        /**
         * A user's sessions at a school are revoked; value = not-before (epoch millis); global channel. Body empty:
         * all the user's sessions; body of 16 bytes: only the session with that id (the token's {@code sid}).
         */
        REVOCATION,
        /** A node was lost: it may have stored messages it never published, so every client resyncs; global channel. */
        NODE_LOST,
        /**
         * A node's broker link is back after it dispatched events on that node only (they never reached the
         * others): every other node re-reads what its sessions follow and tells them to resync; global channel.
         * value = the publishing hub's instance id, so it skips its own; 0 when the publisher's own sessions
         * missed events too (a publish failed while its broker looked live) and it catches up as well.
         */
        PEER_RESUMED,
        /**
         * A portal event (body: its {@code PortalEventJson}); value = its Snowflake id; school channel. Handled by
         * {@code portalevents.PortalEventHandler}, which re-checks the audience per recipient.
         */
        PORTAL
    }

    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER + body.length);
        out.put((byte) kind.ordinal());
        put(out, school);
        put(out, conversation);
        put(out, user);
        out.putLong(value);
        out.put(body);
        return out.array();
    }

    /** Decodes a payload; throws IllegalArgumentException when it is not one of ours. */
    static LiveEvent decode(byte[] payload) {
        if (payload.length < HEADER) {
            throw new IllegalArgumentException("live event shorter than its header: " + payload.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        int kind = in.get();
        if (kind < 0 || kind >= Kind.values().length) {
            throw new IllegalArgumentException("unknown live event kind " + kind);
        }
        UUID school = get(in);
        UUID conversation = get(in);
        UUID user = get(in);
        long value = in.getLong();
        return new LiveEvent(Kind.values()[kind], school, conversation, user, value,
                Arrays.copyOfRange(payload, HEADER, payload.length));
    }

    private static void put(ByteBuffer out, UUID id) {
        out.putLong(id.getMostSignificantBits());
        out.putLong(id.getLeastSignificantBits());
    }

    private static UUID get(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    /** A UUID as 16 big-endian bytes (the body of a one-session REVOCATION). */
    static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    static UUID uuidOf(byte[] sixteen) {
        ByteBuffer in = ByteBuffer.wrap(sixteen);
        return new UUID(in.getLong(), in.getLong());
    }
}
