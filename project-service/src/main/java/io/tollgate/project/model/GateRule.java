package io.tollgate.project.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;

/** One criterion of a phase gate, for one methodology; the rules are data, seeded by Flyway. */
@Entity
@Table(name = "gate_rule")
public class GateRule {

  @Id public String id;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Methodology methodology;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public GateBoundary boundary;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Phase phase;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public GateCriterion criterion;

  public String parameter;

  @Column(nullable = false)
  public String description;

  @Column(nullable = false)
  public int position;

  /** The comma-separated values of the parameter (milestone kinds, risk levels). */
  public List<String> parameterValues() {
    if (parameter == null || parameter.isBlank()) {
      return List.of();
    }
    return Arrays.stream(parameter.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Whether this rule guards the move from {@code from} to {@code to}. */
  public boolean guards(Phase from, Phase to) {
    return boundary == GateBoundary.EXIT ? phase == from : phase == to;
  }
}
