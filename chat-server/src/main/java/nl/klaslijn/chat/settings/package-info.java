/**
 * Chat settings: each user's own choices (share presence, send read receipts) and each school's
 * (whether members see per-person read detail, per conversation kind).
 */
@NullMarked
package nl.klaslijn.chat.settings;

import org.jspecify.annotations.NullMarked;
