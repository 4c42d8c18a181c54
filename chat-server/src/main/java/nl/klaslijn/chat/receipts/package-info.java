/**
 * Read receipts and delivery state: each member's forward-only read and delivered pointers per
 * conversation, broadcast live, and "read by N of M" for senders.
 */
@NullMarked
package nl.klaslijn.chat.receipts;

import org.jspecify.annotations.NullMarked;
