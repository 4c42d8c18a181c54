/** How configuration gives secrets: inline or from a file ({@link nl.klaslijn.common.config.SecretSettings}). */
@NullMarked
package nl.klaslijn.common.config;

import org.jspecify.annotations.NullMarked;
