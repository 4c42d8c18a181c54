/** A small STOMP client for Klaslijn's protocol, and the command-line chat built on it. */
@NullMarked
package nl.klaslijn.chat.client;

import org.jspecify.annotations.NullMarked;
