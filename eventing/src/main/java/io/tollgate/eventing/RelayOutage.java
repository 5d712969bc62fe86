package io.tollgate.eventing;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * What the relay logs about rounds that fail, so that an outage is a few lines, not one a second
 * (one a sweep) for as long as it lasts: the first failed round at WARN with its cause, the
 * following ones of the same kind at DEBUG, and once a round goes through again one INFO line that
 * says how long the rounds failed and how many did. A failure of another kind in the middle (the
 * database is back but a statement fails, say) is reported at WARN again. {@code
 * tollgate_outbox_failed_rounds_total} counts every failed round whatever is logged.
 *
 * <p>A round the broker did not fully acknowledge is logged by the relay itself, every time, with
 * the event it refused ({@link #refused()} only counts it into the outage). Used by the relay's one
 * thread only.
 */
final class RelayOutage {

  /** The kind of every failure that says the database cannot be reached, whatever its class. */
  private static final String DATABASE_UNAVAILABLE = "database unavailable";

  private static final String REFUSED = "broker refused";

  private final Logger log;
  private final LongSupplier nanoTime;

  /** Failed rounds since the last one that went through; 0 while none failed. */
  private long rounds;

  private long since;
  private String kind;

  RelayOutage(Logger log, LongSupplier nanoTime) {
    this.log = log;
    this.nanoTime = nanoTime;
  }

  /** A round failed with {@code failure} before it could publish (the database, the producer). */
  void failed(Throwable failure) {
    String kindOf = DatabaseFailures.unavailable(failure) ? DATABASE_UNAVAILABLE : kindOf(failure);
    boolean first = start();
    if (first || !kindOf.equals(kind)) {
      log.warnf(
          failure,
          "outbox relay round failed; its events wait and the relay tries again at each sweep,"
              + " logging further failures like this one at DEBUG until a round goes through: %s",
          failure);
    } else {
      log.debugf("outbox relay round failed again (%d in a row): %s", rounds, failure);
    }
    kind = kindOf;
  }

  /** A round the broker did not fully acknowledge, which the relay has logged itself. */
  void refused() {
    start();
    kind = REFUSED;
  }

  /** A round went through: ends an outage, if there was one, with one line about it. */
  void succeeded() {
    if (rounds == 0) {
      return;
    }
    double seconds = (nanoTime.getAsLong() - since) / 1e9;
    log.infof(
        "outbox relay rounds go through again, after %d failed %s over %s s",
        rounds, rounds == 1 ? "round" : "rounds", String.format(Locale.ROOT, "%.1f", seconds));
    rounds = 0;
    kind = null;
  }

  /** Counts a failed round; true when it is the first of an outage. */
  private boolean start() {
    if (rounds++ == 0) {
      since = nanoTime.getAsLong();
      return true;
    }
    return false;
  }

  private static String kindOf(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getName();
  }
}
