/** HTTP endpoints of medical data. */
@NullMarked
package nl.klaslijn.portal.medical.web;

import org.jspecify.annotations.NullMarked;
