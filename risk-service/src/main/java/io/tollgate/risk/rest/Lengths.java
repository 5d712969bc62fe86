package io.tollgate.risk.rest;

/**
 * The messages of the request types' length limits, worded for a form to show beside its field
 * (Hibernate's own, "size must be between 0 and 200", offers a 0 that a required field refuses).
 */
final class Lengths {

  private Lengths() {}

  /** Of text that may be left out or empty. */
  static final String AT_MOST = "must be at most {max} characters";

  /** Of text that must not be blank ({@code @NotBlank} beside it). */
  static final String REQUIRED = "must be between 1 and {max} characters";
}
