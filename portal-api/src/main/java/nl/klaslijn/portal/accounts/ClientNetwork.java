package nl.klaslijn.portal.accounts;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The network a client address belongs to, as the login delay counts it: the whole address for IPv4 (/32), the first
 * 64 bits for IPv6 (/64: one subscriber's prefix, so walking through its addresses does not help). An IPv4-mapped
 * IPv6 address counts as its IPv4 address. Something that is not an IP literal counts as itself.
 */
final class ClientNetwork {

    private ClientNetwork() {}

    static String of(String clientAddress) {
        if (!looksLikeIpLiteral(clientAddress)) {
            return "other:" + clientAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(clientAddress);
            byte[] bytes = address.getAddress();
            if (address instanceof Inet4Address) {
                return "v4:" + HexFormat.of().formatHex(bytes);
            }
            return "v6:" + HexFormat.of().formatHex(Arrays.copyOf(bytes, 8)) + "/64";
        } catch (UnknownHostException e) {
            return "other:" + clientAddress;
        }
    }

    /** Only digits, hex, dots, colons and a zone suffix: never a host name, so no name is ever resolved. */
    private static boolean looksLikeIpLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        int zone = bare.indexOf('%');
        String address = zone >= 0 ? bare.substring(0, zone) : bare;
        return !address.isEmpty() && address.chars().allMatch(c -> c == '.' || c == ':' || Character.digit(c, 16) >= 0)
                && (address.contains(":") || address.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }
}
