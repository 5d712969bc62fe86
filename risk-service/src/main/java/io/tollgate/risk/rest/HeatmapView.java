package io.tollgate.risk.rest;

import io.tollgate.risk.model.RiskLevel;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "RiskHeatmap",
    description =
        "A project's open risks in the 5x5 matrix: 25 cells, probability 1-5 then impact 1-5,"
            + " each with its count and risk ids, and the open risks per level",
    example =
        "{\"projectId\":\"3f1c2a9e-7b4d-4e0a-9a51-0c6f3f0d2b11\",\"openRisks\":1,\"cell"
            + "s\":[{\"probability\":1,\"impact\":1,\"score\":1,\"level\":\"LOW\",\"count\":0"
            + ",\"riskIds\":[]},{\"probability\":1,\"impact\":2,\"score\":2,\"level\":\"LOW\""
            + ",\"count\":0,\"riskIds\":[]},{\"probability\":1,\"impact\":3,\"score\":3,\"lev"
            + "el\":\"LOW\",\"count\":0,\"riskIds\":[]},{\"probability\":1,\"impact\":4,\"sco"
            + "re\":4,\"level\":\"LOW\",\"count\":0,\"riskIds\":[]},{\"probability\":1,\"impa"
            + "ct\":5,\"score\":5,\"level\":\"MEDIUM\",\"count\":0,\"riskIds\":[]},{\"probabi"
            + "lity\":2,\"impact\":1,\"score\":2,\"level\":\"LOW\",\"count\":0,\"riskIds\":[]"
            + "},{\"probability\":2,\"impact\":2,\"score\":4,\"level\":\"LOW\",\"count\":0,\""
            + "riskIds\":[]},{\"probability\":2,\"impact\":3,\"score\":6,\"level\":\"MEDIUM\""
            + ",\"count\":0,\"riskIds\":[]},{\"probability\":2,\"impact\":4,\"score\":8,\"lev"
            + "el\":\"MEDIUM\",\"count\":0,\"riskIds\":[]},{\"probability\":2,\"impact\":5,\""
            + "score\":10,\"level\":\"HIGH\",\"count\":0,\"riskIds\":[]},{\"probability\":3,"
            + "\"impact\":1,\"score\":3,\"level\":\"LOW\",\"count\":0,\"riskIds\":[]},{\"prob"
            + "ability\":3,\"impact\":2,\"score\":6,\"level\":\"MEDIUM\",\"count\":0,\"riskId"
            + "s\":[]},{\"probability\":3,\"impact\":3,\"score\":9,\"level\":\"MEDIUM\",\"cou"
            + "nt\":0,\"riskIds\":[]},{\"probability\":3,\"impact\":4,\"score\":12,\"level\":"
            + "\"HIGH\",\"count\":0,\"riskIds\":[]},{\"probability\":3,\"impact\":5,\"score\""
            + ":15,\"level\":\"HIGH\",\"count\":0,\"riskIds\":[]},{\"probability\":4,\"impact"
            + "\":1,\"score\":4,\"level\":\"LOW\",\"count\":0,\"riskIds\":[]},{\"probability"
            + "\":4,\"impact\":2,\"score\":8,\"level\":\"MEDIUM\",\"count\":0,\"riskIds\":[]}"
            + ",{\"probability\":4,\"impact\":3,\"score\":12,\"level\":\"HIGH\",\"count\":0,"
            + "\"riskIds\":[]},{\"probability\":4,\"impact\":4,\"score\":16,\"level\":\"CRITI"
            + "CAL\",\"count\":0,\"riskIds\":[]},{\"probability\":4,\"impact\":5,\"score\":20"
            + ",\"level\":\"CRITICAL\",\"count\":1,\"riskIds\":[\"6e1d2c3b-4a5f-4e6d-8c7b-9a0"
            + "f1e2d3c4b\"]},{\"probability\":5,\"impact\":1,\"score\":5,\"level\":\"MEDIUM\""
            + ",\"count\":0,\"riskIds\":[]},{\"probability\":5,\"impact\":2,\"score\":10,\"le"
            + "vel\":\"HIGH\",\"count\":0,\"riskIds\":[]},{\"probability\":5,\"impact\":3,\"s"
            + "core\":15,\"level\":\"HIGH\",\"count\":0,\"riskIds\":[]},{\"probability\":5,\""
            + "impact\":4,\"score\":20,\"level\":\"CRITICAL\",\"count\":0,\"riskIds\":[]},{\""
            + "probability\":5,\"impact\":5,\"score\":25,\"level\":\"CRITICAL\",\"count\":0,"
            + "\"riskIds\":[]}],\"totals\":{\"LOW\":0,\"MEDIUM\":0,\"HIGH\":0,\"CRITICAL\":1}"
            + "}")
public record HeatmapView(
    UUID projectId,
    @Schema(description = "How many open risks the project has") long openRisks,
    @Schema(description = "All 25 cells, by probability then impact, empty ones included")
        List<Cell> cells,
    @Schema(description = "Open risks per level, every level present")
        Map<RiskLevel, Long> totals) {

  @Schema(name = "RiskHeatmapCell", description = "One cell of the matrix")
  public record Cell(
      int probability,
      int impact,
      int score,
      RiskLevel level,
      long count,
      @Schema(description = "Its open risks, by title then id") List<UUID> riskIds) {}
}
