/**
 * A person's rights over what the chat holds on them at one school: the export of their chat data (conversations,
 * the messages they sent, settings, pointers, last seen, directory entry) and its erasure when portal-api deletes
 * the person. Called through the internal API only; docs/protocol.md section 7 describes both.
 */
@NullMarked
package nl.klaslijn.chat.personaldata;

import org.jspecify.annotations.NullMarked;
