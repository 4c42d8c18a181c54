@NullMarked
package nl.klaslijn.chat.protocol;

import org.jspecify.annotations.NullMarked;
