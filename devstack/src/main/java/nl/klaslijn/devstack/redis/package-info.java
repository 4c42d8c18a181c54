/**
 * A real {@code redis-server} for the one-command start and for tests.
 *
 * <p>Entry points: {@link nl.klaslijn.devstack.redis.RedisServer} (one server process, with the fault
 * hooks tests need: kill, freeze, restart) and {@link nl.klaslijn.devstack.redis.TestRedis} (one shared
 * server per test JVM). The binary is Debian's {@code redis-server} where installed, otherwise the one
 * shipped inside the {@code embedded-redis} artifact ({@link nl.klaslijn.devstack.redis.RedisExecutable}).
 */
@NullMarked
package nl.klaslijn.devstack.redis;

import org.jspecify.annotations.NullMarked;
