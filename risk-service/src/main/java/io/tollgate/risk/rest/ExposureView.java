package io.tollgate.risk.rest;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "RiskExposure",
    description =
        "What a project's open risks are expected to cost: each risk's chance times its impact,"
            + " summed; a risk without a cost (or schedule) impact adds nothing to that sum",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"openRisks\":2,"
            + "\"costExposure\":\"24500\",\"scheduleExposureDays\":\"9.8\","
            + "\"scheduleExposureByMilestone\":[{\"milestoneId\":"
            + "\"9a3e1f44-5c2b-4d7a-8e61-7b2c9d0e4f13\",\"days\":\"9\"}]}")
public record ExposureView(
    UUID projectId,
    @Schema(description = "How many open risks were summed") long openRisks,
    @Schema(
            type = SchemaType.STRING,
            pattern = "^[0-9]+(\\.[0-9]+)?$",
            description = "Σ chance(probability) x costImpact over open risks, exact")
        String costExposure,
    @Schema(
            type = SchemaType.STRING,
            pattern = "^[0-9]+(\\.[0-9]+)?$",
            description = "Σ chance(probability) x scheduleImpactDays over open risks, exact")
        String scheduleExposureDays,
    @Schema(
            description =
                "The schedule exposure per milestone: every milestone an open risk is linked to,"
                    + " with Σ chance(probability) x scheduleImpactDays over the open risks linked"
                    + " to it (a risk linked to two milestones counts fully for each; one linked"
                    + " to none counts only in scheduleExposureDays), by days descending, then"
                    + " milestoneId")
        List<MilestoneExposure> scheduleExposureByMilestone) {

  @Schema(
      name = "RiskMilestoneExposure",
      description = "What the open risks linked to one milestone are expected to delay it")
  public record MilestoneExposure(
      UUID milestoneId,
      @Schema(
              type = SchemaType.STRING,
              pattern = "^[0-9]+(\\.[0-9]+)?$",
              description =
                  "Σ chance(probability) x scheduleImpactDays over the open risks linked to the"
                      + " milestone, exact; 0 when none of them has scheduleImpactDays")
          String days) {}
}
