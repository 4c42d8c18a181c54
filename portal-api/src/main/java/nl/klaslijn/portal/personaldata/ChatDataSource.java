package nl.klaslijn.portal.personaldata;

import java.util.UUID;

/**
 * Where the export's chat part comes from: implemented by the chat sync (which talks to the chat server), absent when
 * this portal-api runs without it. The export depends on this interface only, so no feature knows the chat sync.
 */
public interface ChatDataSource {

    /** What the chat holds on the account at the school; {@link ChatExport#unavailable()} when it cannot be asked. */
    ChatExport export(UUID schoolId, UUID accountId);
}
