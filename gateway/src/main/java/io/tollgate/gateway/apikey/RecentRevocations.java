package io.tollgate.gateway.apikey;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The keys this instance revoked while database lookups of keys were running. Such a lookup may
 * have read a key before its revocation was written, and must then neither use nor cache it. A
 * revocation is remembered only until every lookup that began before it has ended.
 */
final class RecentRevocations {

  /** Revocations so far: a lookup notes it when it begins, a revocation when it is done. */
  private long clock;

  private final Map<UUID, Long> revokedAt = new HashMap<>();

  /** Clock at the start of each running lookup, and how many began then. */
  private final TreeMap<Long, Integer> running = new TreeMap<>();

  /**
   * A lookup begins; answers what to hand to {@link #lookupEnded} when it ends, however it ends.
   */
  synchronized long lookupBegins() {
    running.merge(clock, 1, Integer::sum);
    return clock;
  }

  /**
   * A lookup that began at {@code began} has ended.
   *
   * @param found the id of the key it found, or null
   * @return whether that key was revoked after the lookup began
   */
  synchronized boolean lookupEnded(long began, UUID found) {
    Long at = found == null ? null : revokedAt.get(found);
    running.computeIfPresent(began, (c, n) -> n == 1 ? null : n - 1);
    long oldest = running.isEmpty() ? clock : running.firstKey();
    revokedAt.values().removeIf(c -> c <= oldest);
    return at != null && at > began;
  }

  /** A key's revocation is written to the database. */
  synchronized void revoked(UUID id) {
    clock++;
    if (!running.isEmpty()) {
      revokedAt.put(id, clock);
    }
  }

  /** How many revocations are remembered, for tests that they are forgotten. */
  synchronized int remembered() {
    return revokedAt.size();
  }
}
