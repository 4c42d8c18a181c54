/** HTTP endpoints of the CSV import and the year-end move. */
@NullMarked
package nl.klaslijn.portal.imports.web;

import org.jspecify.annotations.NullMarked;
