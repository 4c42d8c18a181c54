@NullMarked
package nl.klaslijn.chat.userindex;

import org.jspecify.annotations.NullMarked;
