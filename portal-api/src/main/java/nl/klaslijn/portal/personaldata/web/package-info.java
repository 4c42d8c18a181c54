/** HTTP endpoints of the data export and of deleting a pupil's data. */
@NullMarked
package nl.klaslijn.portal.personaldata.web;

import org.jspecify.annotations.NullMarked;
