package io.tollgate.notification.model;

/**
 * Whose language a notification speaks: business readers get status, dates and money, technical
 * readers the event's technical detail.
 */
public enum Audience {
  BUSINESS,
  TECHNICAL
}
