package io.tollgate.testing.quarkus;

import jakarta.inject.Singleton;
import java.util.UUID;

/** Identifies one start of the Quarkus application. */
@Singleton
public class ApplicationInstance {

  private final String id = UUID.randomUUID().toString();

  public String id() {
    return id;
  }
}
