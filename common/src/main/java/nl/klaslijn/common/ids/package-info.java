/** Identifier schemes shared by every service. */
@NullMarked
package nl.klaslijn.common.ids;

import org.jspecify.annotations.NullMarked;
