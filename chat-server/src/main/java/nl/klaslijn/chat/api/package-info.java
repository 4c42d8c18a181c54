@NullMarked
package nl.klaslijn.chat.api;

import org.jspecify.annotations.NullMarked;
