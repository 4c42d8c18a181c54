package nl.klaslijn.common.cassandra;

/**
 * The schema cannot be brought to the version this code expects: an applied migration changed or
 * disappeared, versions are out of order, the migration lock was not obtained in time, or a
 * statement failed. The service must not start.
 */
public final class SchemaMigrationException extends RuntimeException {

    public SchemaMigrationException(String message) {
        super(message);
    }

    public SchemaMigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
