package io.tollgate.project.service;

import io.tollgate.project.model.HealthRating;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The health rating of DOMAIN.md, with each reason phrased for a business reader; no I/O.
 *
 * <ul>
 *   <li>Schedule: a milestone LATE (by its status, or because its planned date plus buffer has
 *       passed) or OFF_TRACK is RED; AT_RISK is AMBER.
 *   <li>Cost: CPI below the red threshold (0.8) is RED, below the amber one (0.95) AMBER.
 *   <li>Risk: an open risk of a red level (CRITICAL) is RED, of an amber level (HIGH) AMBER.
 *   <li>KPIs: a KPI missing its target in its last n measurements (2) is AMBER.
 * </ul>
 *
 * The rating is the worst of the reasons; no reason is GREEN.
 */
public final class HealthRules {

  private HealthRules() {}

  public enum Dimension {
    SCHEDULE,
    COST,
    RISK,
    KPI
  }

  public record Thresholds(
      BigDecimal cpiRedBelow,
      BigDecimal cpiAmberBelow,
      Set<String> riskRedLevels,
      Set<String> riskAmberLevels,
      int kpiMissesForAmber) {

    // before DEFAULTS, which the constructor checks against it
    private static final Set<String> RISK_LEVELS = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    public static final Thresholds DEFAULTS =
        new Thresholds(
            new BigDecimal("0.8"), new BigDecimal("0.95"), Set.of("CRITICAL"), Set.of("HIGH"), 2);

    /** Refuses thresholds that make no sense, naming the setting; levels in any case. */
    public Thresholds {
      if (cpiRedBelow.compareTo(cpiAmberBelow) > 0) {
        throw new IllegalArgumentException(
            "tollgate.health.cpi-red-below ("
                + cpiRedBelow
                + ") must not be above tollgate.health.cpi-amber-below ("
                + cpiAmberBelow
                + ")");
      }
      if (kpiMissesForAmber < 1) {
        throw new IllegalArgumentException(
            "tollgate.health.kpi-misses-for-amber must be at least 1, not "
                + kpiMissesForAmber
                + ": with fewer, every KPI, even one never measured, would be AMBER");
      }
      riskRedLevels = levels("risk-red-levels", riskRedLevels);
      riskAmberLevels = levels("risk-amber-levels", riskAmberLevels);
    }

    private static Set<String> levels(String setting, Set<String> levels) {
      Set<String> upper = new java.util.TreeSet<>();
      for (String level : levels) {
        String name = level.strip().toUpperCase(Locale.ROOT);
        if (!RISK_LEVELS.contains(name)) {
          throw new IllegalArgumentException(
              "tollgate.health."
                  + setting
                  + ": "
                  + level
                  + " is not a risk level (LOW, MEDIUM, HIGH, CRITICAL)");
        }
        upper.add(name);
      }
      return Set.copyOf(upper);
    }
  }

  /** A milestone that is not completed. */
  public record Milestone(
      UUID id,
      String name,
      String kind,
      String status,
      String zone,
      LocalDate plannedDate,
      int bufferDays,
      LocalDate forecastDate) {}

  public record Risk(UUID id, String title, String level) {}

  /**
   * @param cpi null when undefined
   * @param eac estimate at completion, null when undefined
   * @param bac the budget, null without one
   */
  public record Cost(BigDecimal cpi, BigDecimal eac, BigDecimal bac, String currency) {}

  public record Kpi(
      UUID id,
      String name,
      String unit,
      BigDecimal target,
      BigDecimal latest,
      int consecutiveMisses) {}

  public record Reason(
      Dimension dimension, HealthRating rating, String message, List<UUID> relatedIds) {}

  public record Assessment(HealthRating rating, List<Reason> reasons) {}

  /**
   * @param openMilestones the milestones not completed
   * @param openRisks the risks not closed
   */
  public static Assessment assess(
      List<Milestone> openMilestones,
      List<Risk> openRisks,
      Cost cost,
      List<Kpi> kpis,
      Thresholds t,
      LocalDate asOf) {
    List<Reason> reasons = new ArrayList<>();
    schedule(openMilestones, asOf, reasons);
    cost(cost, t, reasons);
    risks(openRisks, t, reasons);
    kpis(kpis, t, reasons);
    reasons.sort(Comparator.comparing(Reason::rating).reversed().thenComparing(Reason::dimension));
    HealthRating rating = HealthRating.GREEN;
    for (Reason r : reasons) {
      rating = rating.worst(r.rating());
    }
    return new Assessment(rating, List.copyOf(reasons));
  }

  private static void schedule(List<Milestone> open, LocalDate asOf, List<Reason> reasons) {
    Milestone goLive =
        open.stream()
            .filter(m -> "GO_LIVE".equals(m.kind()))
            .min(
                Comparator.comparing(
                    m -> m.plannedDate() == null ? LocalDate.MAX : m.plannedDate()))
            .orElse(null);
    for (Milestone m : open) {
      LocalDate due = m.plannedDate() == null ? null : m.plannedDate().plusDays(m.bufferDays());
      boolean lateByCalendar = due != null && due.isBefore(asOf);
      String message;
      HealthRating rating;
      if (lateByCalendar || "LATE".equals(m.status())) {
        rating = HealthRating.RED;
        message =
            lateByCalendar
                ? label(m) + " is " + days(ChronoUnit.DAYS.between(due, asOf)) + " late"
                : label(m) + " is late";
      } else if ("OFF_TRACK".equals(m.zone())) {
        rating = HealthRating.RED;
        message =
            label(m)
                + " is forecast beyond its planned date and buffer"
                + (m.forecastDate() == null ? "" : " (forecast " + m.forecastDate() + ")");
      } else if ("AT_RISK".equals(m.zone())) {
        rating = HealthRating.AMBER;
        message =
            label(m)
                + " has used a third or more of its buffer"
                + (m.forecastDate() == null ? "" : " (forecast " + m.forecastDate() + ")");
      } else {
        continue;
      }
      // a milestone planned after go-live (a post-launch review) cannot hold go-live up
      if (goLive != null && goLive != m && !plannedAfter(m, goLive)) {
        message +=
            "; go-live"
                + (goLive.plannedDate() == null ? "" : " on " + goLive.plannedDate())
                + " at risk";
      }
      reasons.add(new Reason(Dimension.SCHEDULE, rating, message, List.of(m.id())));
    }
  }

  private static boolean plannedAfter(Milestone m, Milestone other) {
    return m.plannedDate() != null
        && other.plannedDate() != null
        && m.plannedDate().isAfter(other.plannedDate());
  }

  private static void cost(Cost c, Thresholds t, List<Reason> reasons) {
    if (c == null || c.cpi() == null) {
      return;
    }
    HealthRating rating;
    if (c.cpi().compareTo(t.cpiRedBelow()) < 0) {
      rating = HealthRating.RED;
    } else if (c.cpi().compareTo(t.cpiAmberBelow()) < 0) {
      rating = HealthRating.AMBER;
    } else {
      return;
    }
    // rounded down, so that the figure shown is below the threshold it was judged against (a CPI
    // of 0.7996 is RED and reads 0.79, not 0.80)
    String cpi = c.cpi().setScale(2, RoundingMode.FLOOR).toPlainString();
    String message =
        c.cpi().signum() == 0
            ? "Money is being spent but no planned work is done yet (CPI 0)"
            : "Costs run over: each 1.00 of work done has cost "
                + perUnit(c.cpi())
                + " (CPI "
                + cpi
                + ")";
    if (c.eac() != null && c.bac() != null) {
      message +=
          "; forecast at completion "
              + money(c.eac(), c.currency())
              + " against a budget of "
              + money(c.bac(), c.currency());
    }
    reasons.add(new Reason(Dimension.COST, rating, message, List.of()));
  }

  private static void risks(List<Risk> open, Thresholds t, List<Reason> reasons) {
    riskReason(open, t.riskRedLevels(), HealthRating.RED, reasons);
    riskReason(
        open.stream().filter(r -> !t.riskRedLevels().contains(r.level())).toList(),
        t.riskAmberLevels(),
        HealthRating.AMBER,
        reasons);
  }

  private static void riskReason(
      List<Risk> open, Set<String> levels, HealthRating rating, List<Reason> reasons) {
    List<Risk> matching = open.stream().filter(r -> levels.contains(r.level())).toList();
    if (matching.isEmpty()) {
      return;
    }
    String level =
        String.join(" or ", levels.stream().sorted().map(l -> l.toLowerCase(Locale.ROOT)).toList());
    String titles =
        String.join(", ", matching.stream().limit(3).map(r -> "\"" + r.title() + "\"").toList())
            + (matching.size() > 3 ? " and " + (matching.size() - 3) + " more" : "");
    String message =
        matching.size() == 1
            ? "1 " + level + " risk is open: " + titles
            : matching.size() + " " + level + " risks are open: " + titles;
    reasons.add(
        new Reason(Dimension.RISK, rating, message, matching.stream().map(Risk::id).toList()));
  }

  private static void kpis(List<Kpi> kpis, Thresholds t, List<Reason> reasons) {
    for (Kpi k : kpis) {
      if (k.consecutiveMisses() >= t.kpiMissesForAmber()) {
        reasons.add(
            new Reason(
                Dimension.KPI,
                HealthRating.AMBER,
                "KPI \""
                    + k.name()
                    + "\" missed its target of "
                    + amount(k.target(), k.unit())
                    + " in its last "
                    + k.consecutiveMisses()
                    + " measurements (latest "
                    + amount(k.latest(), k.unit())
                    + ")",
                List.of(k.id())));
      }
    }
  }

  /** "Security audit "Pen test"", or just the kind when the name repeats it. */
  static String label(Milestone m) {
    String kind = humanize(m.kind());
    if (m.name() == null || m.name().isBlank() || m.name().equalsIgnoreCase(kind)) {
      return kind;
    }
    return kind + " \"" + m.name() + "\"";
  }

  static String humanize(String constant) {
    if (constant == null) {
      return "Milestone";
    }
    if ("CUSTOM".equals(constant)) {
      return "Milestone";
    }
    String words = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String days(long n) {
    return n == 1 ? "1 day" : n + " days";
  }

  private static String perUnit(BigDecimal cpi) {
    return BigDecimal.ONE.divide(cpi, 2, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String money(BigDecimal amount, String currency) {
    String number = String.format(Locale.ENGLISH, "%,.0f", amount);
    return currency == null ? number : currency + " " + number;
  }

  private static String amount(BigDecimal value, String unit) {
    String number = value == null ? "?" : value.stripTrailingZeros().toPlainString();
    return "%".equals(unit) ? number + " %" : number + " " + unit;
  }
}
