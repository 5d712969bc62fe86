package io.tollgate.project.rest;

import io.tollgate.project.model.CostCategory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "Analytics",
    description =
        "A project's numbers as of a date. Money is a decimal string in the project's currency;"
            + " ratios are decimals rounded to 4 places for display. A quotient whose divisor is 0"
            + " (and TCPI with the budget overspent, anything with BAC without a budget, and PV,"
            + " EV and everything from them for a project without milestones) is null, and"
            + " undefined says why.",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"asOf\":\"2026-06-30\","
            + "\"currency\":\"EUR\",\"budget\":{\"amount\":\"250000.00\",\"currency\":\"EUR\"},"
            + "\"actualCost\":{\"amount\":\"110000.00\",\"currency\":\"EUR\"},"
            + "\"costByCategory\":{\"LABOR\":{\"amount\":\"62000.00\",\"currency\":\"EUR\"},"
            + "\"VENDOR\":{\"amount\":\"48000.00\",\"currency\":\"EUR\"}},"
            + "\"earnedValue\":{\"bac\":{\"amount\":\"250000.00\",\"currency\":\"EUR\"},"
            + "\"pv\":{\"amount\":\"125000.00\",\"currency\":\"EUR\"},\"ev\":{\"amount\":\"100000.00\","
            + "\"currency\":\"EUR\"},\"ac\":{\"amount\":\"110000.00\",\"currency\":\"EUR\"},"
            + "\"sv\":{\"amount\":\"-25000.00\",\"currency\":\"EUR\"},\"cv\":{\"amount\":\"-10000.00\","
            + "\"currency\":\"EUR\"},\"spi\":0.8000,\"cpi\":0.9090,\"eac\":{\"amount\":\"275000.00\","
            + "\"currency\":\"EUR\"},\"etc\":{\"amount\":\"165000.00\",\"currency\":\"EUR\"},"
            + "\"vac\":{\"amount\":\"-25000.00\",\"currency\":\"EUR\"},\"tcpi\":1.0714,"
            + "\"percentComplete\":0.4000,\"budgetBurn\":0.4400,\"milestones\":4,\"undefined\":{}},"
            + "\"businessCase\":{\"horizonEnd\":\"2029-09-30\",\"totalCosts\":{\"amount\":\"110000.00\","
            + "\"currency\":\"EUR\"},\"totalBenefits\":{\"amount\":\"144000.00\",\"currency\":\"EUR\"},"
            + "\"netBenefit\":{\"amount\":\"34000.00\",\"currency\":\"EUR\"},\"roi\":0.3091,"
            + "\"paybackDate\":\"2029-01-01\",\"paybackPeriod\":\"P2Y11M1D\",\"undefined\":{}},"
            + "\"kpis\":[],\"health\":{\"rating\":\"AMBER\",\"asOf\":\"2026-06-30\","
            + "\"reasons\":[{\"dimension\":\"COST\",\"rating\":\"AMBER\","
            + "\"message\":\"Costs run over: each 1.00 of work done has cost 1.10 (CPI 0.90);"
            + " forecast at completion EUR 275,000 against a budget of EUR 250,000\","
            + "\"relatedIds\":[]}]}}")
public record AnalyticsView(
    UUID projectId,
    LocalDate asOf,
    @Schema(
            nullable = true,
            description = "The project's currency; null while it has no money recorded")
        String currency,
    @Schema(nullable = true, description = "Budget at completion (BAC); null without a budget")
        Money budget,
    @Schema(description = "Σ cost-ledger entries dated up to asOf") Money actualCost,
    @Schema(description = "Actual cost up to asOf per category")
        Map<CostCategory, Money> costByCategory,
    EarnedValueView earnedValue,
    BusinessCaseView businessCase,
    @Schema(
            description =
                "Each KPI's latest value (up to asOf), trend and whether it meets its target")
        java.util.List<KpiStatusView> kpis,
    @Schema(description = "The health rating as of asOf and the reasons behind it")
        HealthView health) {

  @Schema(
      name = "EarnedValue",
      description =
          "PMBOK earned value as of asOf: BAC = budget; PV = Σ planned value of milestones planned"
              + " by asOf; EV = Σ planned value of milestones completed by asOf (milestones without"
              + " a planned value share what the budget leaves evenly); AC = Σ ledger entries by"
              + " asOf; SV = EV − PV; CV = EV − AC; SPI = EV / PV; CPI = EV / AC; EAC = BAC / CPI;"
              + " ETC = EAC − AC; VAC = BAC − EAC; TCPI = (BAC − EV) / (BAC − AC); percentComplete"
              + " = EV / BAC; budgetBurn = AC / BAC.",
      example =
          "{\"bac\":{\"amount\":\"100000.00\",\"currency\":\"EUR\"},\"pv\":{\"amount\":"
              + "\"50000.00\",\"currency\":\"EUR\"},\"ev\":{\"amount\":\"40000.00\",\"currency\":"
              + "\"EUR\"},\"ac\":{\"amount\":\"45000.00\",\"currency\":\"EUR\"},\"sv\":{\"amount\":"
              + "\"-10000.00\",\"currency\":\"EUR\"},\"cv\":{\"amount\":\"-5000.00\",\"currency\":"
              + "\"EUR\"},\"spi\":0.8000,\"cpi\":0.8888,\"eac\":{\"amount\":\"112500.00\","
              + "\"currency\":\"EUR\"},\"etc\":{\"amount\":\"67500.00\",\"currency\":\"EUR\"},"
              + "\"vac\":{\"amount\":\"-12500.00\",\"currency\":\"EUR\"},\"tcpi\":1.0909,"
              + "\"percentComplete\":0.4000,\"budgetBurn\":0.4500,\"milestones\":4,"
              + "\"undefined\":{}}")
  public record EarnedValueView(
      @Schema(nullable = true, description = "null without a budget") Money bac,
      @Schema(nullable = true, description = UNDEFINED) Money pv,
      @Schema(nullable = true, description = UNDEFINED) Money ev,
      Money ac,
      @Schema(nullable = true, description = UNDEFINED) Money sv,
      @Schema(nullable = true, description = UNDEFINED) Money cv,
      @Schema(nullable = true, description = "Rounded down to 4 decimals; " + UNDEFINED)
          BigDecimal spi,
      @Schema(nullable = true, description = "Rounded down to 4 decimals; " + UNDEFINED)
          BigDecimal cpi,
      @Schema(nullable = true, description = UNDEFINED) Money eac,
      @Schema(nullable = true, description = UNDEFINED) Money etc,
      @Schema(nullable = true, description = UNDEFINED) Money vac,
      @Schema(nullable = true, description = "Rounded to 4 decimals; " + UNDEFINED) BigDecimal tcpi,
      @Schema(nullable = true, description = "Rounded to 4 decimals; " + UNDEFINED)
          BigDecimal percentComplete,
      @Schema(nullable = true, description = "Rounded to 4 decimals; " + UNDEFINED)
          BigDecimal budgetBurn,
      @Schema(description = "How many milestones earned value is computed from") int milestones,
      @Schema(description = "Metric name to why it has no value, e.g. {\"spi\":\"PV is 0: …\"}")
          Map<String, String> undefined) {}

  @Schema(
      name = "BusinessCase",
      description =
          "Over the horizon (everything dated up to horizonEnd): totalCosts = Σ ledger entries;"
              + " totalBenefits = Σ expected benefits (recurring ones once per period);"
              + " ROI = (totalBenefits − totalCosts) / totalCosts; paybackDate = the first date on"
              + " which cumulative benefits ≥ cumulative costs (none if never); paybackPeriod ="
              + " from the first cost to the payback date (ISO 8601).",
      example =
          "{\"horizonEnd\":\"2029-09-30\",\"totalCosts\":{\"amount\":\"100000.00\",\"currency\":"
              + "\"EUR\"},\"totalBenefits\":{\"amount\":\"125000.00\",\"currency\":\"EUR\"},"
              + "\"netBenefit\":{\"amount\":\"25000.00\",\"currency\":\"EUR\"},\"roi\":0.2500,"
              + "\"paybackDate\":\"2029-01-01\",\"paybackPeriod\":\"P3Y\",\"undefined\":{}}")
  public record BusinessCaseView(
      LocalDate horizonEnd,
      Money totalCosts,
      Money totalBenefits,
      Money netBenefit,
      @Schema(nullable = true, description = "Rounded to 4 decimals; " + UNDEFINED) BigDecimal roi,
      @Schema(nullable = true, description = UNDEFINED) LocalDate paybackDate,
      @Schema(nullable = true, description = "ISO 8601; " + UNDEFINED) String paybackPeriod,
      Map<String, String> undefined) {}

  /** How a figure that can be undefined is described. */
  static final String UNDEFINED = "null when undefined, and undefined says why";
}
