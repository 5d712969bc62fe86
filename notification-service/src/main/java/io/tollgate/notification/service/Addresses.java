package io.tollgate.notification.service;

/** E-mail addresses as logs may show them: enough to tell two apart, not enough to write to. */
final class Addresses {

  private Addresses() {}

  /** {@code b***@example.com}: the first character of the local part and the domain. */
  static String masked(String address) {
    if (address == null) {
      return null;
    }
    int at = address.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    return address.charAt(0) + "***" + address.substring(at);
  }
}
