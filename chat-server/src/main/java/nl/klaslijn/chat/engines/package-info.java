@NullMarked
package nl.klaslijn.chat.engines;

import org.jspecify.annotations.NullMarked;
