@NullMarked
package nl.klaslijn.chat.sync;

import org.jspecify.annotations.NullMarked;
