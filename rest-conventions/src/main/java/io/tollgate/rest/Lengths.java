package io.tollgate.rest;

/**
 * The messages of the request types' length limits ({@code @Size(max = 200, message =
 * Lengths.REQUIRED)}), worded for a form to show beside its field. Hibernate's own, "size must be
 * between 0 and 200", says "size" and offers a 0 that a field refusing blanks does not take.
 */
public final class Lengths {

  private Lengths() {}

  /** Of text that may be left out or empty. */
  public static final String AT_MOST = "must be at most {max} characters";

  /** Of text that must not be blank ({@code @NotBlank} beside it). */
  public static final String REQUIRED = "must be between 1 and {max} characters";

  /** Of a list. */
  public static final String ITEMS = "must have at most {max} items";
}
