package io.tollgate.project.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tollgate.project.model.HealthRating;
import io.tollgate.project.service.HealthRules.Assessment;
import io.tollgate.project.service.HealthRules.Cost;
import io.tollgate.project.service.HealthRules.Dimension;
import io.tollgate.project.service.HealthRules.Kpi;
import io.tollgate.project.service.HealthRules.Milestone;
import io.tollgate.project.service.HealthRules.Risk;
import io.tollgate.project.service.HealthRules.Thresholds;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The health rating and its reasons, dimension by dimension, on the DOMAIN.md defaults. */
class HealthRulesTest {

  static final LocalDate TODAY = LocalDate.of(2026, 6, 25);
  static final Thresholds T = Thresholds.DEFAULTS;

  static Milestone milestone(
      String name, String kind, String status, String zone, String planned, int buffer) {
    return new Milestone(
        UUID.randomUUID(), name, kind, status, zone, LocalDate.parse(planned), buffer, null);
  }

  static Assessment assess(List<Milestone> m, List<Risk> r, Cost c, List<Kpi> k) {
    return HealthRules.assess(m, r, c, k, T, TODAY);
  }

  static Cost cpi(String cpi) {
    return new Cost(new BigDecimal(cpi), null, null, "EUR");
  }

  @Test
  void nothingWrongIsGreenWithoutReasons() {
    Assessment a =
        assess(
            List.of(
                milestone(
                    "UAT", "USER_ACCEPTANCE_TESTING", "IN_PROGRESS", "ON_TRACK", "2026-07-01", 5)),
            List.of(new Risk(UUID.randomUUID(), "Minor", "MEDIUM")),
            cpi("0.95"),
            List.of(
                new Kpi(
                    UUID.randomUUID(),
                    "Uptime",
                    "%",
                    new BigDecimal("99.9"),
                    new BigDecimal("99"),
                    1)));
    assertEquals(HealthRating.GREEN, a.rating());
    assertEquals(List.of(), a.reasons());
  }

  /** DOMAIN.md's example: "Security audit is 6 days late; go-live at risk". */
  @Test
  void aMilestonePastItsBufferIsRedAndSaysHowLateAndWhatItEndangers() {
    Milestone audit =
        milestone("Pen test", "SECURITY_AUDIT", "IN_PROGRESS", "OFF_TRACK", "2026-06-09", 10);
    Milestone goLive = milestone("Go-live", "GO_LIVE", "PLANNED", "ON_TRACK", "2026-09-30", 0);
    Assessment a = assess(List.of(audit, goLive), List.of(), null, List.of());
    assertEquals(HealthRating.RED, a.rating());
    assertEquals(1, a.reasons().size());
    HealthRules.Reason r = a.reasons().get(0);
    assertEquals(Dimension.SCHEDULE, r.dimension());
    assertEquals(
        "Security audit \"Pen test\" is 6 days late; go-live on 2026-09-30 at risk", r.message());
    assertEquals(List.of(audit.id()), r.relatedIds());
  }

  /** A milestone planned after go-live (a post-launch review) does not put go-live at risk. */
  @Test
  void aMilestoneAfterGoLiveDoesNotSayGoLiveIsAtRisk() {
    Milestone review =
        milestone("Post-go-live review", "CUSTOM", "IN_PROGRESS", "OFF_TRACK", "2026-06-20", 2);
    Milestone goLive = milestone("Go-live", "GO_LIVE", "PLANNED", "ON_TRACK", "2026-06-01", 30);
    Assessment a = assess(List.of(review, goLive), List.of(), null, List.of());
    assertEquals(HealthRating.RED, a.rating());
    assertEquals("Milestone \"Post-go-live review\" is 3 days late", a.reasons().get(0).message());
  }

  @Test
  void lateByStatusOffTrackAndAtRiskZones() {
    assertEquals(
        HealthRating.RED,
        assess(
                List.of(milestone("x", "CODE_FREEZE", "LATE", "ON_TRACK", "2026-07-30", 0)),
                List.of(),
                null,
                List.of())
            .rating());
    Assessment offTrack =
        assess(
            List.of(
                milestone(
                    "Design review", "DESIGN_REVIEW", "IN_PROGRESS", "OFF_TRACK", "2026-07-30", 3)),
            List.of(),
            null,
            List.of());
    assertEquals(HealthRating.RED, offTrack.rating());
    assertEquals(
        "Design review is forecast beyond its planned date and buffer",
        offTrack.reasons().get(0).message());
    Assessment atRisk =
        assess(
            List.of(milestone("Sprint 4", "SPRINT_REVIEW", "PLANNED", "AT_RISK", "2026-07-30", 9)),
            List.of(),
            null,
            List.of());
    assertEquals(HealthRating.AMBER, atRisk.rating());
    assertTrue(
        atRisk
            .reasons()
            .get(0)
            .message()
            .startsWith("Sprint review \"Sprint 4\" has used a third or more"));
    // the planned date plus buffer still ahead: on track
    assertEquals(
        HealthRating.GREEN,
        assess(
                List.of(milestone("y", "CUSTOM", "PLANNED", null, "2026-06-20", 5)),
                List.of(),
                null,
                List.of())
            .rating());
  }

  @Test
  void costThresholdsOnCpi() {
    assertEquals(HealthRating.RED, assess(List.of(), List.of(), cpi("0.79"), List.of()).rating());
    assertEquals(HealthRating.AMBER, assess(List.of(), List.of(), cpi("0.8"), List.of()).rating());
    assertEquals(
        HealthRating.AMBER, assess(List.of(), List.of(), cpi("0.9499"), List.of()).rating());
    assertEquals(HealthRating.GREEN, assess(List.of(), List.of(), cpi("0.95"), List.of()).rating());
    assertEquals(
        HealthRating.GREEN,
        assess(List.of(), List.of(), new Cost(null, null, null, null), List.of()).rating());
    Assessment over =
        assess(
            List.of(),
            List.of(),
            new Cost(
                new BigDecimal("0.78"),
                new BigDecimal("128205.13"),
                new BigDecimal("100000"),
                "EUR"),
            List.of());
    assertEquals(
        "Costs run over: each 1.00 of work done has cost 1.28 (CPI 0.78); forecast at completion"
            + " EUR 128,205 against a budget of EUR 100,000",
        over.reasons().get(0).message());
    assertEquals(HealthRating.RED, assess(List.of(), List.of(), cpi("0"), List.of()).rating());
    // the CPI shown never rounds up onto the threshold it was judged against
    Assessment justRed = assess(List.of(), List.of(), cpi("0.7996"), List.of());
    assertEquals(HealthRating.RED, justRed.rating());
    assertTrue(justRed.reasons().get(0).message().contains("(CPI 0.79)"), justRed.toString());
    Assessment justAmber = assess(List.of(), List.of(), cpi("0.9496"), List.of());
    assertEquals(HealthRating.AMBER, justAmber.rating());
    assertTrue(justAmber.reasons().get(0).message().contains("(CPI 0.94)"), justAmber.toString());
  }

  @Test
  void openCriticalRisksAreRedAndHighOnesAmber() {
    Risk critical = new Risk(UUID.randomUUID(), "Data migration may corrupt accounts", "CRITICAL");
    Risk high = new Risk(UUID.randomUUID(), "Key engineer may leave", "HIGH");
    Assessment a = assess(List.of(), List.of(critical, high), null, List.of());
    assertEquals(HealthRating.RED, a.rating());
    assertEquals(2, a.reasons().size());
    assertEquals(HealthRating.RED, a.reasons().get(0).rating());
    assertEquals(
        "1 critical risk is open: \"Data migration may corrupt accounts\"",
        a.reasons().get(0).message());
    assertEquals(HealthRating.AMBER, a.reasons().get(1).rating());
    assertEquals(List.of(high.id()), a.reasons().get(1).relatedIds());
    assertEquals(HealthRating.AMBER, assess(List.of(), List.of(high), null, List.of()).rating());
  }

  @Test
  void aKpiMissingItsTargetTwiceInARowIsAmber() {
    Kpi uptime =
        new Kpi(
            UUID.randomUUID(), "Uptime", "%", new BigDecimal("99.9"), new BigDecimal("99.5"), 2);
    Assessment a = assess(List.of(), List.of(), null, List.of(uptime));
    assertEquals(HealthRating.AMBER, a.rating());
    assertEquals(
        "KPI \"Uptime\" missed its target of 99.9 % in its last 2 measurements (latest 99.5 %)",
        a.reasons().get(0).message());
    Thresholds three =
        new Thresholds(
            T.cpiRedBelow(), T.cpiAmberBelow(), T.riskRedLevels(), T.riskAmberLevels(), 3);
    assertEquals(
        HealthRating.GREEN,
        HealthRules.assess(List.of(), List.of(), null, List.of(uptime), three, TODAY).rating());
  }

  @Test
  void theRatingIsTheWorstDimensionAndEveryReasonIsListedWorstFirst() {
    Assessment a =
        assess(
            List.of(
                milestone(
                    "UAT", "USER_ACCEPTANCE_TESTING", "IN_PROGRESS", "AT_RISK", "2026-07-10", 9)),
            List.of(new Risk(UUID.randomUUID(), "Vendor insolvency", "CRITICAL")),
            cpi("0.9"),
            List.of(
                new Kpi(
                    UUID.randomUUID(),
                    "Tickets",
                    "tickets/week",
                    new BigDecimal("50"),
                    new BigDecimal("70"),
                    4)));
    assertEquals(HealthRating.RED, a.rating());
    assertEquals(
        List.of(Dimension.RISK, Dimension.SCHEDULE, Dimension.COST, Dimension.KPI),
        a.reasons().stream().map(HealthRules.Reason::dimension).toList());
    // configurable thresholds: a stricter PMO makes HIGH risks red
    Thresholds strict =
        new Thresholds(
            new BigDecimal("0.9"),
            new BigDecimal("1.0"),
            Set.of("CRITICAL", "HIGH"),
            Set.of("MEDIUM"),
            2);
    assertEquals(
        HealthRating.RED,
        HealthRules.assess(
                List.of(),
                List.of(new Risk(UUID.randomUUID(), "r", "HIGH")),
                null,
                List.of(),
                strict,
                TODAY)
            .rating());
  }

  /** Settings that would silently change the rules are refused, naming the setting. */
  @Test
  void thresholdsThatMakeNoSenseAreRefusedAndLevelsReadInAnyCase() {
    IllegalArgumentException bands =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Thresholds(
                    new BigDecimal("0.8"), new BigDecimal("0.7"), Set.of(), Set.of(), 2));
    assertTrue(bands.getMessage().startsWith("tollgate.health.cpi-red-below (0.8)"));
    IllegalArgumentException misses =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Thresholds(
                    new BigDecimal("0.8"), new BigDecimal("0.95"), Set.of(), Set.of(), 0));
    assertTrue(misses.getMessage().startsWith("tollgate.health.kpi-misses-for-amber"));
    IllegalArgumentException level =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Thresholds(
                    new BigDecimal("0.8"), new BigDecimal("0.95"), Set.of("SEVERE"), Set.of(), 2));
    assertTrue(level.getMessage().contains("SEVERE is not a risk level"));

    Thresholds lower =
        new Thresholds(
            new BigDecimal("0.8"), new BigDecimal("0.95"), Set.of(" critical"), Set.of("High"), 2);
    Assessment a =
        HealthRules.assess(
            List.of(),
            List.of(new Risk(UUID.randomUUID(), "Data loss", "CRITICAL")),
            null,
            List.of(),
            lower,
            TODAY);
    assertEquals(HealthRating.RED, a.rating());
  }
}
