@NullMarked
package nl.klaslijn.chat.delivery;

import org.jspecify.annotations.NullMarked;
