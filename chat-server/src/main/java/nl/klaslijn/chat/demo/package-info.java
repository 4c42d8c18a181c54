/** The demo school that the one-command start fills in, and the tokens it prints. */
@NullMarked
package nl.klaslijn.chat.demo;

import org.jspecify.annotations.NullMarked;
