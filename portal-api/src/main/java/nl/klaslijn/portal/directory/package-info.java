/**
 * The group information and school information pages: teachers, classmates and their guardians, staff, each with
 * the contact details the viewer may see under the privacy choices, and the chat user ids to start a conversation.
 */
@NullMarked
package nl.klaslijn.portal.directory;

import org.jspecify.annotations.NullMarked;
