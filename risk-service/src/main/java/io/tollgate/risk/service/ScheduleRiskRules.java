package io.tollgate.risk.service;

import io.tollgate.risk.messaging.MilestoneEventData;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * When a milestone's buffer raises a SCHEDULE risk, and how bad that risk is (ADR 0028). Plain
 * rules over one milestone event; {@link ScheduleRisks} applies them.
 */
public final class ScheduleRiskRules {

  public static final String OFF_TRACK = "OFF_TRACK";
  public static final String LATE = "LATE";
  public static final String COMPLETED = "COMPLETED";

  /** A buffer shorter than this many days still counts as this long when impact is judged. */
  static final int IMPACT_SCALE_MIN_DAYS = 5;

  private ScheduleRiskRules() {}

  /**
   * How far a milestone is beyond its buffer.
   *
   * @param overrunDays days beyond planned date + buffer (0 when it has exactly used its buffer)
   * @param late the milestone's status is LATE: planned date + buffer passed, not completed
   */
  public record Trouble(int overrunDays, boolean late) {

    public int probability() {
      // LATE is no longer a forecast but a fact of the calendar; OFF_TRACK is happening
      return late ? 5 : 4;
    }

    /** The overrun against the buffer (one of at least {@value #IMPACT_SCALE_MIN_DAYS} days). */
    public int impact(int bufferDays) {
      int scale = Math.max(bufferDays, IMPACT_SCALE_MIN_DAYS);
      if (4L * overrunDays <= scale) {
        return 2;
      }
      if (2L * overrunDays <= scale) {
        return 3;
      }
      return overrunDays <= scale ? 4 : 5;
    }

    /** Whether this is worse than what the risk was last assessed for (null: nothing yet). */
    public boolean worseThan(Integer markedOverrun, boolean markedLate) {
      return markedOverrun == null || overrunDays > markedOverrun || (late && !markedLate);
    }

    public String describe() {
      return overrunDays
          + " day"
          + (overrunDays == 1 ? "" : "s")
          + " beyond its buffer"
          + (late ? ", LATE" : "");
    }
  }

  /**
   * The milestone's trouble, or null when it has none: it is completed, deleted, or neither
   * OFF_TRACK nor LATE.
   *
   * @param today the day the event was written on (LATE counts the days since the buffer ran out)
   */
  public static Trouble trouble(boolean deleted, MilestoneEventData m, LocalDate today) {
    boolean late = LATE.equals(m.status());
    if (deleted || COMPLETED.equals(m.status()) || !(late || OFF_TRACK.equals(m.zone()))) {
      return null;
    }
    LocalDate due = due(m);
    long overrun = m.forecastDate() == null ? 0 : ChronoUnit.DAYS.between(due, m.forecastDate());
    if (late) {
      overrun = Math.max(overrun, ChronoUnit.DAYS.between(due, today));
    }
    return new Trouble((int) Math.min(Math.max(overrun, 0), RiskRules.MAX_SCHEDULE_DAYS), late);
  }

  /** The planned date plus the buffer: when the milestone has used its buffer. */
  public static LocalDate due(MilestoneEventData m) {
    return m.plannedDate().plusDays(m.bufferDays());
  }

  public static String title(MilestoneEventData m) {
    return m.name() + " has used its buffer";
  }

  public static String description(MilestoneEventData m, Trouble t) {
    String text =
        "Raised automatically: milestone "
            + m.name()
            + " ("
            + m.kind()
            + ") was planned for "
            + m.plannedDate()
            + " with a buffer of "
            + m.bufferDays()
            + " days (until "
            + due(m)
            + ")";
    text +=
        m.forecastDate() == null
            ? "; it has no forecast"
            : "; it is forecast for " + m.forecastDate();
    text += ", " + t.describe() + ".";
    if (t.late()) {
      text += " It is LATE: its buffer ran out and it is not completed.";
    }
    return text;
  }
}
