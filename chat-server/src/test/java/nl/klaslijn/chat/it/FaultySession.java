package nl.klaslijn.chat.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fault injection on the real driver: a {@link CqlSession} that passes everything to a real session talking
 * to the real Cassandra, except the next {@code executeAsync} whose CQL starts with a given prefix (for a
 * batch: its first statement's), which fails with a driver timeout, is held until the test releases it
 * (then it runs for real), or is watched (runs, and tells the test). Test-only.
 */
final class FaultySession implements InvocationHandler {

    /** A statement held back: {@link #reached} completes when the code under test sends it. */
    static final class Hold {
        final CompletableFuture<Void> reached = new CompletableFuture<>();
        private final CompletableFuture<Void> released = new CompletableFuture<>();

        void release() {
            released.complete(null);
        }
    }

    private record Rule(String prefix, Hold hold, CompletableFuture<Void> watch) {}

    private final CqlSession real;
    private final CqlSession proxy;
    private final Queue<Rule> rules = new ConcurrentLinkedQueue<>();

    FaultySession(CqlSession real) {
        this.real = real;
        this.proxy = (CqlSession) Proxy.newProxyInstance(CqlSession.class.getClassLoader(),
                new Class<?>[] {CqlSession.class}, this);
    }

    CqlSession session() {
        return proxy;
    }

    /** The next statement starting with {@code prefix} fails with {@link DriverTimeoutException}. */
    void failNext(String prefix) {
        rules.add(new Rule(prefix, null, null));
    }

    /** Completes when the next statement starting with {@code prefix} has run (before its caller continues). */
    CompletableFuture<Void> watchNext(String prefix) {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        rules.add(new Rule(prefix, null, ran));
        return ran;
    }

    /** The next statement starting with {@code prefix} waits until {@link Hold#release()}. */
    Hold holdNext(String prefix) {
        Hold hold = new Hold();
        rules.add(new Rule(prefix, hold, null));
        return hold;
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("executeAsync") && args != null && args.length == 1
                && args[0] instanceof Statement<?> statement) {
            Rule rule = take(cql(statement));
            if (rule != null && rule.watch() != null) {
                return real.executeAsync(statement).toCompletableFuture()
                        .whenComplete((result, error) -> rule.watch().complete(null));
            }
            if (rule != null && rule.hold() == null) {
                return CompletableFuture.failedFuture(new DriverTimeoutException("injected fault"));
            }
            if (rule != null) {
                rule.hold().reached.complete(null);
                return rule.hold().released.thenCompose(go -> real.executeAsync(statement));
            }
        }
        try {
            return method.invoke(real, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Rule take(String cql) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (cql.startsWith(rule.prefix()) && rules.remove(rule)) {
                return rule;
            }
        }
        return null;
    }

    private static String cql(Statement<?> statement) {
        if (statement instanceof BoundStatement bound) {
            return bound.getPreparedStatement().getQuery();
        }
        if (statement instanceof SimpleStatement simple) {
            return simple.getQuery();
        }
        if (statement instanceof BatchStatement batch) {
            for (BatchableStatement<?> inner : batch) {
                return cql(inner);
            }
        }
        return "";
    }
}
