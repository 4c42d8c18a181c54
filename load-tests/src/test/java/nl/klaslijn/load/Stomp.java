package nl.klaslijn.load;

/**
 * STOMP 1.2 client frames as Gatling Expression Language templates ({@code #{attribute}} is filled from the
 * virtual user's session). One frame per WebSocket text message, NUL-terminated (docs/protocol.md).
 */
final class Stomp {

    static final String NUL = "\u0000";
    /** A client heart-beat: a text message holding only an end-of-line. The server reads and ignores it. */
    static final String HEARTBEAT = "\n";

    private Stomp() {}

    static String connect(String tokenEl) {
        return "CONNECT\naccept-version:1.2\nhost:klaslijn\nheart-beat:0,0\nAuthorization:Bearer " + tokenEl + "\n\n" + NUL;
    }

    static String subscribe(String id, String destination, String receipt) {
        return "SUBSCRIBE\nid:" + id + "\ndestination:" + destination
                + (receipt == null ? "" : "\nreceipt:" + receipt) + "\n\n" + NUL;
    }

    /** A chat message; the receipt id is the clientMessageId, so a RECEIPT names the message it acknowledges. */
    static String sendMessage(String conversationEl, String clientMessageIdEl, String text) {
        return "SEND\ndestination:/app/conversations/" + conversationEl + "/messages\ncontent-type:application/json\nreceipt:"
                + clientMessageIdEl + "\n\n{\"clientMessageId\":\"" + clientMessageIdEl + "\",\"text\":\"" + text + "\"}" + NUL;
    }

    /** A request answered on /user/replies with the same correlation-id. */
    static String request(String destination, String correlationEl, String jsonBody) {
        return "SEND\ndestination:" + destination + "\ncorrelation-id:" + correlationEl
                + "\ncontent-type:application/json\n\n" + jsonBody + NUL;
    }

    /** What identifies a MESSAGE event of one chat message in its JSON body. */
    static String clientMessageIdField(String clientMessageIdEl) {
        return "\"clientMessageId\":\"" + clientMessageIdEl + "\"";
    }
}
