package io.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

  /**
   * Whoever reads the private key can sign tokens the local platform trusts, ADMIN included: it is
   * the owner's alone when made, and a key made by an older launcher that left it readable by
   * others is made the owner's alone when it is next used.
   */
  @Test
  void thePrivateKeyIsTheOwnersAloneAlsoWhenAnOlderLauncherMadeIt(@TempDir Path dir)
      throws Exception {
    DevTokens.in(dir);
    Path key = dir.resolve("private.pem");
    assertEquals("rw-------", permissions(key));

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    String before = Files.readString(key);
    DevTokens.in(dir);
    assertEquals("rw-------", permissions(key));
    assertEquals(before, Files.readString(key), "the same key, not a new one");
  }

  private static String permissions(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
