package io.paretune.controller.messaging;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells failures that pass (database unreachable, lock or connection timeouts, deadlocks) from failures that would
 * happen again on every try. The former are retried until they pass; the latter end on the dead-letter topic.
 */
final class TransientFailures {

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof LockTimeoutException || t instanceof PessimisticLockException
                    || t instanceof QueryTimeoutException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.PessimisticLockException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql)) {
                return true;
            }
            if (t instanceof jakarta.transaction.RollbackException || t instanceof jakarta.transaction.SystemException) {
                // the cause, when there is one, decides; a bare one is the transaction manager giving up: transient
                if (t.getCause() == null) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * SQLSTATE classes 08 (connection), 40 (rollback: deadlock, serialization), 53 (resources), 57 (operator
     * intervention, e.g. the server shutting down), H2's lock timeout HYT00; and Agroal's pool acquisition timeout.
     */
    private static boolean isTransientState(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                || state.startsWith("57") || state.equals("HYT00"))) {
            return true;
        }
        return e.getMessage() != null && e.getMessage().contains("acquisition timeout");
    }
}
