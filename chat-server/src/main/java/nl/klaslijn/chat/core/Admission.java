package nl.klaslijn.chat.core;

import nl.klaslijn.common.auth.AccessToken;

/**
 * Decides, synchronously and without I/O, whether a verified token may open a session now (for
 * example: not revoked). Throws {@link nl.klaslijn.chat.protocol.RequestException} with the reason when
 * it may not; the transport then answers ERROR and closes instead of CONNECTED.
 */
@FunctionalInterface
public interface Admission {

    void admit(AccessToken token);
}
