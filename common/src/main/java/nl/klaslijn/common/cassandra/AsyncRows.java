package nl.klaslijn.common.cassandra;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reading every page of an asynchronous result without blocking. */
public final class AsyncRows {

    private AsyncRows() {}

    /**
     * Maps every row of every page, in order; rows for which {@code mapper} returns null are skipped.
     * Use only for results known to be small (one partition of a bounded size).
     */
    public static <T> CompletionStage<List<T>> all(CompletionStage<AsyncResultSet> result,
            Function<Row, @Nullable T> mapper) {
        CompletableFuture<List<T>> done = new CompletableFuture<>();
        result.whenComplete((rs, error) -> collect(rs, error, mapper, new ArrayList<>(), done));
        return done;
    }

    private static <T> void collect(@Nullable AsyncResultSet rs, @Nullable Throwable error,
            Function<Row, @Nullable T> mapper, List<T> into, CompletableFuture<List<T>> done) {
        if (error != null || rs == null) {
            done.completeExceptionally(error != null ? error : new IllegalStateException("no result"));
            return;
        }
        try {
            for (Row row : rs.currentPage()) {
                T value = mapper.apply(row);
                if (value != null) {
                    into.add(value);
                }
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        if (rs.hasMorePages()) {
            rs.fetchNextPage().whenComplete((next, e) -> collect(next, e, mapper, into, done));
        } else {
            done.complete(into);
        }
    }
}
