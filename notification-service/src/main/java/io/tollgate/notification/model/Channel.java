package io.tollgate.notification.model;

/** How a subscription's notifications reach their receiver. */
public enum Channel {
  /** A signed HTTP POST of the event to the subscription's URL, retried with backoff. */
  WEBHOOK,
  /** The owner's in-app inbox, with a live stream. */
  INBOX,
  /** An e-mail to the subscription's address. */
  EMAIL
}
