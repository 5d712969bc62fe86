package io.tollgate.project.model;

/** A project's health, best first; a project's rating is the worst of its dimensions. */
public enum HealthRating {
  GREEN,
  AMBER,
  RED;

  public HealthRating worst(HealthRating other) {
    return other.compareTo(this) > 0 ? other : this;
  }
}
