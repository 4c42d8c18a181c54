package nl.klaslijn.common.auth;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks (RFC 7468) of one type, decoded; and the reverse. */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private Pem() {}

    static boolean looksLikePem(String text) {
        return text.strip().startsWith("-----BEGIN ");
    }

    /** The DER content of every block labelled {@code label}; other labels are refused, naming them. */
    static List<byte[]> blocks(String text, String label) {
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (!m.group(1).equals(label)) {
                throw new IllegalArgumentException("expected PEM blocks of type " + label + ", found " + m.group(1));
            }
            out.add(Base64.getMimeDecoder().decode(m.group(2)));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no PEM block of type " + label + " found");
        }
        return out;
    }

    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
