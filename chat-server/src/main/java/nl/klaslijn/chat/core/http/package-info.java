@NullMarked
package nl.klaslijn.chat.core.http;

import org.jspecify.annotations.NullMarked;
