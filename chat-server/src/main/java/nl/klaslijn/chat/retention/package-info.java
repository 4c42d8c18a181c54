/**
 * How long each school keeps its chat history (a school setting, with the chat server's default) and the sweep that
 * deletes message buckets older than that, with what points into them (bucket markers, previews in members' indexes).
 */
@NullMarked
package nl.klaslijn.chat.retention;

import org.jspecify.annotations.NullMarked;
