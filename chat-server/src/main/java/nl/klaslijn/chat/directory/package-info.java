@NullMarked
package nl.klaslijn.chat.directory;

import org.jspecify.annotations.NullMarked;
