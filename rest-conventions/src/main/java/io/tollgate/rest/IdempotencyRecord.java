package io.tollgate.rest;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;

/** The first response to a create sent with an {@code Idempotency-Key}, kept for replays. */
@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecord {

  @EmbeddedId public Id id;

  @Column(name = "request_hash", nullable = false)
  public String requestHash;

  @Column(nullable = false)
  public int status;

  public String location;

  public String etag;

  @Column(columnDefinition = "text")
  public String body;

  @Column(name = "created_at", nullable = false)
  public OffsetDateTime createdAt;

  /**
   * Keys are scoped to the operation (method and path) and to the caller who sent them, so that one
   * key cannot replay another operation's response or another caller's.
   */
  @Embeddable
  public record Id(String scope, String caller, @Column(name = "idem_key") String key)
      implements Serializable {}
}
