package io.tollgate.eventing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures make a record wait for the database instead of counting against the record. */
class DatabaseFailuresTest {

  @Test
  void aDatabaseThatCannotBeReachedIsUnavailable() {
    for (String state : new String[] {"08001", "08006", "57P01", "57P02", "57P03", "53300"}) {
      SQLException cause = new SQLException("server says " + state, state);
      assertTrue(DatabaseFailures.unavailable(new PersistenceException("wrapped", cause)), state);
    }
    assertTrue(
        DatabaseFailures.unavailable(
            new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException())));
    assertTrue(
        DatabaseFailures.unavailable(
            new SQLException(
                "FATAL: database \"milestone\" is not currently accepting connections", "55000")));
    // a pool with no free connection in time: a busy moment, not a record to set aside
    assertTrue(
        DatabaseFailures.unavailable(
            new GenericJDBCException(
                "Unable to acquire JDBC Connection",
                new SQLException("Sorry, acquisition timeout!"))));
  }

  @Test
  void aCommitThatFailedBecauseTheDatabaseWentAwayIsUnavailable() {
    // Narayana reports the database's error as a suppressed exception of its RollbackException
    RollbackException crashed =
        new RollbackException("ARJUNA016053: Could not commit transaction.");
    crashed.addSuppressed(
        new SQLException("terminating connection due to unexpected postmaster exit", "57P02"));
    assertTrue(DatabaseFailures.unavailable(new IllegalStateException("wrapped", crashed)));

    RollbackException resourceFailed = new RollbackException("ARJUNA016053");
    XAException rmfail = new XAException("connection lost");
    rmfail.errorCode = XAException.XAER_RMFAIL;
    resourceFailed.addSuppressed(rmfail);
    assertTrue(DatabaseFailures.unavailable(resourceFailed));

    // the transaction manager's timeout rolled the transaction back while the database hung
    assertTrue(
        DatabaseFailures.unavailable(
            new RollbackException("ARJUNA016102: The transaction is not active!")));
    // the server ended a session this process left idle inside its transaction while it stalled
    assertTrue(
        DatabaseFailures.unavailable(
            new PersistenceException(
                "wrapped",
                new SQLException(
                    "terminating connection due to idle-in-transaction timeout", "25P03"))));
  }

  @Test
  void aCommitTheDatabaseRefusedIsNot() {
    RollbackException refused =
        new RollbackException("ARJUNA016053: Could not commit transaction.");
    refused.addSuppressed(new SQLException("duplicate key", "23505"));
    assertFalse(DatabaseFailures.unavailable(refused));

    RollbackException lost = new RollbackException("ARJUNA016053");
    lost.addSuppressed(new SQLException("deadlock detected", "40P01"));
    assertTrue(DatabaseFailures.contended(lost));
    assertFalse(DatabaseFailures.unavailable(lost));
  }

  @Test
  void aStatementTheDatabaseRefusesIsNot() {
    assertFalse(
        DatabaseFailures.unavailable(
            new ConstraintViolationException(
                "duplicate key", new SQLException("duplicate key", "23505"), "project_ref_pkey")));
    assertFalse(
        DatabaseFailures.unavailable(
            new SQLException("currval of sequence is not yet defined in this session", "55000")));
    assertFalse(DatabaseFailures.unavailable(new SQLException("no state")));
    assertFalse(DatabaseFailures.unavailable(new IllegalStateException("a bug")));
  }

  @Test
  void aStatementThatLostToConcurrentWorkIsContendedNotRefused() {
    for (String state : new String[] {"55P03", "40P01", "40001"}) {
      SQLException cause = new SQLException("server says " + state, state);
      assertTrue(DatabaseFailures.contended(new PersistenceException("wrapped", cause)), state);
      assertFalse(DatabaseFailures.unavailable(cause), state);
    }
    assertFalse(
        DatabaseFailures.contended(
            new ConstraintViolationException(
                "duplicate key", new SQLException("duplicate key", "23505"), "project_ref_pkey")));
    assertFalse(DatabaseFailures.contended(new SQLException("connection refused", "08001")));
    assertFalse(DatabaseFailures.contended(new IllegalStateException("a bug")));
  }
}
