package io.tollgate.eventing;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Bounds how long each of the service's database sessions may sit idle inside a transaction ({@code
 * tollgate.database.idle-in-transaction-timeout}, 60 s), set once on every new pooled connection.
 *
 * <p>Between two statements a transaction waits only for the service's own work, milliseconds (the
 * outbox relay's round, which waits for the broker, sets a limit of its own). A session idle for
 * longer belongs to a process that died or lost its network in the middle of a transaction; its row
 * locks would stay held, and every write to those rows would wait, until the server's TCP keepalive
 * noticed, about two hours with Linux's defaults. PostgreSQL ends such a session once the limit
 * passes and rolls its transaction back.
 */
@ApplicationScoped
public class IdleTransactionLimit implements AgroalPoolInterceptor {

  private static final Logger LOG = Logger.getLogger(IdleTransactionLimit.class);

  private final long millis;

  IdleTransactionLimit(DatabaseConfig config) {
    this.millis = config.idleInTransactionTimeout().toMillis();
  }

  @Override
  public void onConnectionCreate(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("set idle_in_transaction_session_timeout = " + millis);
    } catch (SQLException e) {
      // the connection still works; only a dead client's locks would be held longer
      LOG.warnf(e, "cannot limit the idle time in transactions of a new database session");
    }
  }
}
