package io.tollgate.eventing;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Bounds how long each of the service's database sessions may wait, set once on every new pooled
 * connection.
 *
 * <ul>
 *   <li>Idle inside a transaction ({@code tollgate.database.idle-in-transaction-timeout}, 60 s).
 *       Between two statements a transaction waits only for the service's own work, milliseconds
 *       (the outbox relay's round, which waits for the broker, sets a limit of its own). A session
 *       idle for longer belongs to a process that died or lost its network in the middle of a
 *       transaction; its row locks would stay held, and every write to those rows would wait, until
 *       the server's TCP keepalive noticed, about two hours with Linux's defaults. PostgreSQL ends
 *       such a session once the limit passes and rolls its transaction back.
 *   <li>For a lock ({@code tollgate.database.lock-timeout}, 10 s). A write waits for another
 *       transaction's lock on the same rows for milliseconds; one that waits for seconds is behind
 *       something stuck (a long report, an operator's open session), and every such request would
 *       hold a worker thread and a pooled connection for as long, until the pool ran dry and the
 *       service stopped answering altogether. PostgreSQL cancels the statement instead (SQLSTATE
 *       55P03), the transaction rolls back, and the client is told to try again ({@link
 *       DatabaseFailures#contended}). Flyway's migrations run on the same pool: one that cannot get
 *       its table's lock in time fails the start rather than blocking every request behind it.
 *   <li>For any answer at all ({@code tollgate.database.network-timeout}, 30 s, the gateway's own
 *       timeout). A server that hangs (stopped, its disk or network stuck) sends nothing and closes
 *       nothing, so without a limit every request in flight would wait for as long as the hang
 *       lasts, minutes, holding its worker and its connection. The driver gives the connection up
 *       instead (SQLSTATE 08006), the transaction is rolled back, and the client gets a 503 that
 *       invites a retry ({@link DatabaseFailures#unavailable}). A statement that legitimately runs
 *       longer, such as a migration building an index on a large table, needs the limit raised.
 * </ul>
 */
@ApplicationScoped
public class SessionLimits implements AgroalPoolInterceptor {

  private static final Logger LOG = Logger.getLogger(SessionLimits.class);

  private final long idleMillis;
  private final long lockMillis;
  private final int networkMillis;

  SessionLimits(DatabaseConfig config) {
    this.idleMillis = config.idleInTransactionTimeout().toMillis();
    this.lockMillis = config.lockTimeout().toMillis();
    this.networkMillis = (int) Math.min(Integer.MAX_VALUE, config.networkTimeout().toMillis());
  }

  @Override
  public void onConnectionCreate(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "select set_config('idle_in_transaction_session_timeout', '"
              + idleMillis
              + "', false), set_config('lock_timeout', '"
              + lockMillis
              + "', false)");
    } catch (SQLException e) {
      // the connection still works; only a dead client's locks would be held longer, or a stuck
      // lock waited for longer
      LOG.warnf(e, "cannot limit the waits of a new database session");
    }
    try {
      // the driver bounds every read of the socket; it needs no executor of its own
      connection.setNetworkTimeout(Runnable::run, networkMillis);
    } catch (SQLException e) {
      LOG.warnf(e, "cannot limit how long a new database session waits for an answer");
    }
  }
}
