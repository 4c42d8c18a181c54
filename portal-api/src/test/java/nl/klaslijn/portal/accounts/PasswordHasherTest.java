package nl.klaslijn.portal.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PasswordHasherTest {

    private static final long MIB = 1024 * 1024;

    private static LoginProperties properties(int memoryKib, int iterations) {
        return new LoginProperties(memoryKib, iterations, 2, Duration.ofMillis(100), 5, Duration.ofSeconds(1),
                Duration.ofMinutes(15), 20, Duration.ofSeconds(30), Duration.ofHours(24));
    }

    @Test
    void automaticPermitsFollowTheCoresUpToFourAndAQuarterOfTheHeap() {
        assertThat(PasswordHasher.automaticPermits(2, 4096 * MIB, 19456)).isEqualTo(2);
        assertThat(PasswordHasher.automaticPermits(16, 4096 * MIB, 19456)).isEqualTo(4);
        assertThat(PasswordHasher.automaticPermits(16, 160 * MIB, 19456)).as("160 MiB / 4 / 19 MiB").isEqualTo(2);
        assertThat(PasswordHasher.automaticPermits(16, 32 * MIB, 19456)).as("never none").isEqualTo(1);
    }

    @Test
    void aHashWithLessMemoryOrFewerPassesThanTodaysIsWeak() {
        LoginProperties today = properties(19456, 2);
        PasswordHasher hasher = new PasswordHasher(new Argon2PasswordEncoder(16, 32, 1, 19456, 2), today);

        assertThat(hasher.isWeak(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("pw"))).isTrue();
        assertThat(hasher.isWeak(new Argon2PasswordEncoder(16, 32, 1, 19456, 1).encode("pw"))).isTrue();
        assertThat(hasher.isWeak(hasher.encode("pw"))).isFalse();
    }

    @Test
    void parametersBelowTheOwaspMinimumAreRefused() {
        assertThatThrownBy(() -> properties(16384, 2)).hasMessageContaining("argon2-memory-kib");
        assertThatThrownBy(() -> properties(19456, 1)).hasMessageContaining("argon2-iterations");
    }
}
