package nl.klaslijn.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How every secret setting is given: inline ({@code name}) or as a file ({@code name-file}, e.g. a mounted secret),
 * never both. Keys ({@code nl.klaslijn.common.auth.KeySettings}) and Cassandra passwords read through here.
 */
public final class SecretSettings {

    private SecretSettings() {}

    /**
     * The value of {@code name}: inline, or the content of the file {@code name-file} names (trailing white space,
     * such as the final line break, removed); null when neither is set.
     *
     * @throws IllegalStateException when both are set or the file cannot be read (the message names the setting,
     *     never the value)
     */
    public static @Nullable String read(String name, Function<String, @Nullable String> settings) {
        String inline = blankToNull(settings.apply(name));
        String file = blankToNull(settings.apply(name + "-file"));
        if (inline != null && file != null) {
            throw new IllegalStateException("set " + name + " or " + name + "-file, not both");
        }
        if (file == null) {
            return inline;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + "-file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
