@NullMarked
package nl.klaslijn.chat.messages;

import org.jspecify.annotations.NullMarked;
