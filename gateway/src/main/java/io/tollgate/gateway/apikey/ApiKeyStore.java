package io.tollgate.gateway.apikey;

import io.agroal.api.AgroalDataSource;
import io.tollgate.gateway.security.Identity.AccessScope;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code api_key} table, in plain JDBC: a handful of statements do not need an ORM, and the
 * gateway's start-up time is benchmarked. Every method blocks; callers run it on a worker thread.
 */
@ApplicationScoped
class ApiKeyStore {

  private static final String COLUMNS =
      "id, name, scope, project_ids, owner_id, secret_prefix, created_at, created_by, revoked_at,"
          + " revoked_by";

  private final AgroalDataSource dataSource;

  ApiKeyStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** What an earlier create with the same Idempotency-Key made. */
  record Earlier(UUID keyId, byte[] requestHash, Instant createdAt) {}

  /** How long a create's Idempotency-Key is kept. */
  static final Duration IDEMPOTENCY_KEPT = Duration.ofHours(24);

  /** The first half of the advisory lock taken per Idempotency-Key. */
  private static final int LOCK_SPACE = 0x6a7e;

  void insert(ApiKey key, byte[] secretHash) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      insert(c, key, secretHash);
    }
  }

  /**
   * Inserts the key, unless its creator made one with {@code idempotencyKey} before (within {@link
   * #IDEMPOTENCY_KEPT}): then nothing is inserted and that create is answered. One transaction;
   * creates with the same key wait for each other, so that a retry sent while the first attempt
   * still runs is told about it rather than making a second key.
   */
  Optional<Earlier> insertOnce(
      ApiKey key, byte[] secretHash, String idempotencyKey, byte[] requestHash)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock =
            c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
          lock.setInt(1, LOCK_SPACE);
          lock.setString(2, key.createdBy() + " " + idempotencyKey);
          lock.execute();
        }
        try (PreparedStatement purge =
            c.prepareStatement("DELETE FROM api_key_idempotency WHERE created_at < ?")) {
          purge.setTimestamp(1, Timestamp.from(key.createdAt().minus(IDEMPOTENCY_KEPT)));
          purge.executeUpdate();
        }
        try (PreparedStatement find =
            c.prepareStatement(
                "SELECT key_id, request_hash, created_at FROM api_key_idempotency"
                    + " WHERE created_by = ? AND idempotency_key = ?")) {
          find.setString(1, key.createdBy());
          find.setString(2, idempotencyKey);
          try (ResultSet rows = find.executeQuery()) {
            if (rows.next()) {
              Earlier earlier =
                  new Earlier(
                      rows.getObject(1, UUID.class),
                      rows.getBytes(2),
                      rows.getTimestamp(3).toInstant());
              c.commit();
              return Optional.of(earlier);
            }
          }
        }
        insert(c, key, secretHash);
        try (PreparedStatement record =
            c.prepareStatement(
                "INSERT INTO api_key_idempotency (created_by, idempotency_key, request_hash,"
                    + " key_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
          record.setString(1, key.createdBy());
          record.setString(2, idempotencyKey);
          record.setBytes(3, requestHash);
          record.setObject(4, key.id());
          record.setTimestamp(5, Timestamp.from(key.createdAt()));
          record.executeUpdate();
        }
        c.commit();
        return Optional.empty();
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException rollback) {
          e.addSuppressed(rollback); // the connection is broken: what failed first is the news
        }
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static void insert(Connection c, ApiKey key, byte[] secretHash) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO api_key (id, name, scope, project_ids, owner_id, secret_hash,"
                + " secret_prefix, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setObject(1, key.id());
      insert.setString(2, key.name());
      insert.setString(3, key.scope().name());
      insert.setArray(
          4,
          key.projectIds() == null
              ? null
              : c.createArrayOf("text", key.projectIds().toArray(String[]::new)));
      insert.setString(5, key.ownerId());
      insert.setBytes(6, secretHash);
      insert.setString(7, key.secretPrefix());
      insert.setTimestamp(8, Timestamp.from(key.createdAt()));
      insert.setString(9, key.createdBy());
      insert.executeUpdate();
    }
  }

  Optional<ApiKey> findBySecretHash(byte[] secretHash) throws SQLException {
    return findOne("secret_hash = ?", secretHash);
  }

  Optional<ApiKey> findById(UUID id) throws SQLException {
    return findOne("id = ?", id);
  }

  /** One page, newest first; ties broken by id so the order is stable. */
  List<ApiKey> page(int offset, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM api_key ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
      query.setInt(1, limit);
      query.setInt(2, offset);
      List<ApiKey> keys = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          keys.add(map(rows));
        }
      }
      return keys;
    }
  }

  long count() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query = c.prepareStatement("SELECT count(*) FROM api_key");
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Revokes a key; revoking it again keeps the first revocation.
   *
   * @return the key as it is now, or empty when there is no such key
   */
  /** A key after a revocation, and whether this revocation is the one that revoked it. */
  record Revocation(ApiKey key, boolean revokedNow) {}

  /** Revokes the key unless it was revoked before; empty when there is no such key. */
  Optional<Revocation> revoke(UUID id, String by, Instant at) throws SQLException {
    boolean revokedNow;
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE api_key SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS"
                    + " NULL")) {
      update.setTimestamp(1, Timestamp.from(at));
      update.setString(2, by);
      update.setObject(3, id);
      revokedNow = update.executeUpdate() == 1;
    }
    return findById(id).map(key -> new Revocation(key, revokedNow));
  }

  private Optional<ApiKey> findOne(String where, Object value) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query =
            c.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE " + where)) {
      query.setObject(1, value);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(map(rows)) : Optional.empty();
      }
    }
  }

  private static ApiKey map(ResultSet rows) throws SQLException {
    Array projects = rows.getArray("project_ids");
    Timestamp revokedAt = rows.getTimestamp("revoked_at");
    return new ApiKey(
        rows.getObject("id", UUID.class),
        rows.getString("name"),
        AccessScope.valueOf(rows.getString("scope")),
        projects == null ? null : Arrays.asList((String[]) projects.getArray()),
        rows.getString("owner_id"),
        rows.getString("secret_prefix"),
        rows.getTimestamp("created_at").toInstant(),
        rows.getString("created_by"),
        revokedAt == null ? null : revokedAt.toInstant(),
        rows.getString("revoked_by"));
  }
}
