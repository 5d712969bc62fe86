package io.tollgate.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Temporary directories under the current {@code java.io.tmpdir}. */
final class TempDirs {

  private TempDirs() {}

  /**
   * Creates a fresh directory. Reads the property on every call: build tools such as Surefire set
   * it after the JVM started (e.g. to {@code target/tmp}), and the directory may not exist yet.
   */
  static Path create(String prefix) throws IOException {
    Path root = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    return Files.createTempDirectory(root, prefix);
  }
}
