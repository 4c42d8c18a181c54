@NullMarked
package nl.klaslijn.chat.core;

import org.jspecify.annotations.NullMarked;
