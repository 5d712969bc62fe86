package io.tollgate.risk.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The service's clock: UTC, to the microsecond that PostgreSQL keeps, so reads equal writes. */
public final class Times {

  private Times() {}

  public static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  /** Today in UTC, the day reviews are judged on. */
  public static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }
}
