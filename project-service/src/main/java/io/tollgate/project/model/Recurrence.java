package io.tollgate.project.model;

import java.time.Period;

/** How often a benefit recurs; ONE_OFF happens once, on its start date. */
public enum Recurrence {
  ONE_OFF(null),
  MONTHLY(Period.ofMonths(1)),
  QUARTERLY(Period.ofMonths(3)),
  YEARLY(Period.ofYears(1));

  private final Period every;

  Recurrence(Period every) {
    this.every = every;
  }

  /** The time between occurrences; null for ONE_OFF. */
  public Period every() {
    return every;
  }
}
