/** The access gates: one class per resource type decides who may see or change it. */
@NullMarked
package nl.klaslijn.portal.access;

import org.jspecify.annotations.NullMarked;
