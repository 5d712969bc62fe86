package io.tollgate.notification.model;

public enum DeliveryStatus {
  /** Waiting for its next attempt (the first, or a retry after a failure). */
  PENDING,
  /** The receiver accepted it (a 2xx). */
  DELIVERED,
  /** Every attempt of its round failed; set aside until someone asks for a redelivery. */
  DEAD
}
