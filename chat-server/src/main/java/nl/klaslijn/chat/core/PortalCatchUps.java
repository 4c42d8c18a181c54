package nl.klaslijn.chat.core;

import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.protocol.Views;
import nl.klaslijn.common.auth.AccessToken;

/**
 * Where a sync's last page gets the portal events the user missed (implemented by {@code portalevents}; an interface
 * here so the core does not depend on that feature). One cursor covers both: the sync's {@code since} and the sync
 * point it reached.
 */
public interface PortalCatchUps {

    /** No portal events (a node without the portal road, e.g. in edge tests). */
    PortalCatchUps NONE = (who, since, upTo) -> java.util.concurrent.CompletableFuture.completedFuture(
            Views.PortalCatchUp.NONE);

    /** The portal events {@code who} may see with ids in ({@code since}, {@code upTo}], or what to refetch. */
    CompletionStage<Views.PortalCatchUp> since(AccessToken who, long since, long upTo);
}
