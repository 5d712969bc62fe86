package io.tollgate.eventing;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.transaction.xa.XAException;
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
   * within its acquisition timeout (the database is too busy, or the pool too small, for now), a
   * database that gave no answer within the session's network timeout ({@link SessionLimits}), a
   * session the server ended because this process stalled inside its transaction (25P03), and a
   * commit that failed because the database went away or the transaction timed out meanwhile.
   */
  public static boolean unavailable(Throwable failure) {
    List<Throwable> chain = chain(failure);
    boolean stated = false;
    for (Throwable t : chain) {
      if (t instanceof JDBCConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        if (unavailable(sql)) {
          return true;
        }
        stated |= sql.getSQLState() != null;
      }
      // the commit of a transaction whose connection died in the middle: the resource manager
      // (the database) failed or could not be reached
      if (t instanceof XAException xa
          && (xa.errorCode == XAException.XAER_RMFAIL
              || xa.errorCode == XAException.XA_RBCOMMFAIL)) {
        return true;
      }
    }
    // a commit that found its transaction already rolled back by the transaction manager's timeout,
    // with nothing in the database refusing anything: a database that stopped answering mid-way
    return !stated && chain.stream().anyMatch(RollbackException.class::isInstance);
  }

  /**
   * Whether {@code failure} says the statement lost to concurrent work on the same data rather than
   * that anything was wrong with it: a lock not obtained within the session's lock timeout (55P03),
   * a deadlock PostgreSQL broke by cancelling this side (40P01), or a serialization failure
   * (40001). The transaction was rolled back whole, and the same request may succeed when tried
   * again.
   */
  public static boolean contended(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.equals("55P03") || state.equals("40P01") || state.equals("40001")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code failure}, its causes and what was suppressed along the way: a transaction manager that
   * fails to commit reports the database's own error as a suppressed exception of its {@code
   * RollbackException}, not as its cause.
   */
  private static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> next = new ArrayDeque<>();
    if (failure != null) {
      next.add(failure);
    }
    while (!next.isEmpty() && chain.size() < 64) {
      Throwable t = next.removeFirst();
      if (!seen.add(t)) {
        continue;
      }
      chain.add(t);
      if (t.getCause() != null) {
        next.add(t.getCause());
      }
      next.addAll(Arrays.asList(t.getSuppressed()));
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        next.add(sql.getNextException());
      }
    }
    return chain;
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
        // the server ended a session left idle in its transaction (SessionLimits): this process
        // stalled mid-transaction, and its work was rolled back
        || state.equals("25P03")
        || state.equals("53300")
        // ALTER DATABASE ... ALLOW_CONNECTIONS false (maintenance): 55000 is also the state of
        // statements used out of order, so only this message counts
        || (state.equals("55000")
            && e.getMessage() != null
            && e.getMessage().contains("not currently accepting connections"));
  }
}
