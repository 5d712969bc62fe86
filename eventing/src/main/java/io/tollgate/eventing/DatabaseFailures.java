package io.tollgate.eventing;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a database that cannot be reached apart from one that refuses a statement: the consumers
 * wait out the first and set aside what the second refuses; the REST layer answers the first with a
 * 503 that invites a retry.
 */
public final class DatabaseFailures {

  private DatabaseFailures() {}

  /**
   * Whether {@code failure} says the database could not be reached or went away, rather than that
   * it refused what was asked of it: a connection refused, dropped or not obtainable (SQLSTATE
   * class 08), a server shutting down, crashing or starting up (57P01-57P03), too many connections
   * (53300), a database closed to connections by an operator, or no connection free in the pool
   * within its acquisition timeout (the database is too busy, or the pool too small, for now).
   */
  public static boolean unavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof JDBCConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && unavailable(sql)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * Whether {@code failure} says the statement lost to concurrent work on the same data rather than
   * that anything was wrong with it: a lock not obtained within the session's lock timeout (55P03),
   * a deadlock PostgreSQL broke by cancelling this side (40P01), or a serialization failure
   * (40001). The transaction was rolled back whole, and the same request may succeed when tried
   * again.
   */
  public static boolean contended(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.equals("55P03") || state.equals("40P01") || state.equals("40001")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean unavailable(SQLException e) {
    String state = e.getSQLState();
    if (state == null) {
      // Agroal's pool: no connection within the acquisition timeout, a plain SQLException without
      // a state, which Hibernate passes on as a GenericJDBCException
      return e.getMessage() != null
          && (e.getMessage().startsWith("Sorry, acquisition timeout")
              || e.getMessage().startsWith("Acquisition timeout"));
    }
    return state.startsWith("08")
        || state.startsWith("57P")
        || state.equals("53300")
        // ALTER DATABASE ... ALLOW_CONNECTIONS false (maintenance): 55000 is also the state of
        // statements used out of order, so only this message counts
        || (state.equals("55000")
            && e.getMessage() != null
            && e.getMessage().contains("not currently accepting connections"));
  }
}
