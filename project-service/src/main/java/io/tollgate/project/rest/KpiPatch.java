package io.tollgate.project.rest;

import io.tollgate.project.model.KpiDirection;
import io.tollgate.rest.Lengths;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "KpiPatch",
    description = "JSON merge patch (RFC 7386) of a KPI's writable fields",
    example = "{\"target\":99.95}")
public record KpiPatch(
    @NotBlank @Size(max = 200, message = Lengths.REQUIRED) String name,
    @NotBlank @Size(max = 50, message = Lengths.REQUIRED) String unit,
    @NotNull BigDecimal target,
    @NotNull KpiDirection direction,
    @Size(max = 1000, message = Lengths.AT_MOST)
        @Schema(nullable = true, description = "null removes it")
        String description) {

  /** As stored: name and unit without surrounding spaces, so that adding some changes nothing. */
  public KpiPatch normalized() {
    return new KpiPatch(
        name == null ? null : name.strip(),
        unit == null ? null : unit.strip(),
        target,
        direction,
        description);
  }
}
