package nl.klaslijn.portal.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Single use under contention: the lightweight transactions let exactly one of many simultaneous attempts win. */
class ConcurrencyIT extends PortalIT {

    private static List<Integer> race(int attempts, Supplier<Api.Response> attempt) {
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                results.add(CompletableFuture.supplyAsync(() -> attempt.get().status(), pool));
            }
            return results.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTokenRedeemedBySeveralClientsAtOnceRegistersExactlyOneAccount() {
        SchoolFixture school = school("Race");
        UUID group = school.group("5A");
        UUID pupil = school.pupil(group, "Sanne");
        String token = school.tokenFor(group, school.guardian(pupil, "Joost"), pupil);

        List<Integer> statuses = race(6, () -> api.post("/api/registrations", null,
                Map.of("token", token, "email", SchoolFixture.email(), "password", SchoolFixture.PASSWORD)));

        assertThat(statuses).containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(409);
    }

    @Test
    void aRefreshTokenPresentedSeveralTimesAtOnceIsExchangedAtMostOnce() {
        SchoolFixture school = school("Refresh race");
        UUID[] pupil = new UUID[1];
        SchoolFixture.Member parent = school.parentOfNewPupil(school.group("1"), "Bo", pupil);

        List<Integer> statuses = race(6, () -> api.post("/api/auth/refresh", null, Map.of("refreshToken", parent.refreshToken())));

        assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThanOrEqualTo(1);
        assertThat(statuses).filteredOn(s -> s != 200).containsOnly(401);
    }
}
