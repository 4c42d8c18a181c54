@NullMarked
package nl.klaslijn.chat.conversations;

import org.jspecify.annotations.NullMarked;
