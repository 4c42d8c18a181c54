/** The live signals services publish to a conversation's members on every node, never stored by the broker. */
@NullMarked
package nl.klaslijn.chat.signals;

import org.jspecify.annotations.NullMarked;
