package nl.klaslijn.portal.chatsync;

/**
 * The time one reconciler may spend on one work item: well inside its lease, so no other instance takes the item
 * over while this one still sends calls for it.
 */
final class Deadline {

    private final long endNanos;

    Deadline(java.time.Duration budget) {
        this.endNanos = System.nanoTime() + budget.toNanos();
    }

    /** Throws when the budget is spent; the item stays pending and is retried. */
    void check() {
        if (System.nanoTime() - endNanos > 0) {
            throw new ChatUnavailableException("work item took longer than its lease allows; retrying later");
        }
    }
}
