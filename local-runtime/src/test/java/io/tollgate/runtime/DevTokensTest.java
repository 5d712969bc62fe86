package io.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

  /**
   * {@code ./tollgate token} mints a token with the roles asked for, in the platform's spelling.
   */
  @Test
  void mintsATokenWithThePlatformRolesAskedFor(@TempDir Path dir) throws Exception {
    Run run = run(dir, "--user", "alice", "--role", "pmo", "--role", "ADMIN", "--ttl-minutes", "5");
    assertEquals(0, run.exit(), run.err());
    String claims =
        new String(
            Base64.getUrlDecoder().decode(run.out().trim().split("\\.")[1]),
            StandardCharsets.UTF_8);
    assertTrue(claims.contains("\"upn\":\"alice\""), claims);
    assertTrue(claims.contains("\"groups\":[\"PMO\",\"ADMIN\"]"), claims);

    Run member = run(dir, "--user", "bob");
    assertEquals(0, member.exit(), member.err());
    String memberClaims =
        new String(
            Base64.getUrlDecoder().decode(member.out().trim().split("\\.")[1]),
            StandardCharsets.UTF_8);
    assertTrue(memberClaims.contains("\"groups\":[\"MEMBER\"]"), memberClaims);
  }

  /**
   * A role the platform does not have would make a token that verifies and lets its bearer do
   * nothing; a missing or malformed value was a stack trace. Each is said in one line, with the
   * usage, and exit code 2, and no token is printed.
   */
  @Test
  void wrongArgumentsAreSaidWithTheUsageAndExitCode2(@TempDir Path dir) throws Exception {
    List<List<String>> cases = new ArrayList<>();
    cases.add(
        List.of(
            "unknown role ADMINISTRATOR: the platform's roles are ADMIN, PMO, MEMBER",
            "--user",
            "alice",
            "--role",
            "ADMINISTRATOR"));
    cases.add(List.of("--user needs a value", "--user"));
    cases.add(List.of("--user needs a value", "--user", "--role", "ADMIN"));
    cases.add(List.of("--role needs a value", "--user", "alice", "--role"));
    cases.add(
        List.of(
            "--ttl-minutes takes a whole number of minutes from 1 to 525600 (a year), not 1h",
            "--user",
            "alice",
            "--ttl-minutes",
            "1h"));
    cases.add(
        List.of(
            "--ttl-minutes takes a whole number of minutes from 1 to 525600 (a year), not 0",
            "--user",
            "alice",
            "--ttl-minutes",
            "0"));
    cases.add(
        List.of(
            "--ttl-minutes takes a whole number of minutes from 1 to 525600 (a year), not 99999999999999999999",
            "--user",
            "alice",
            "--ttl-minutes",
            "99999999999999999999"));
    cases.add(List.of("--ttl-minutes needs a value", "--user", "alice", "--ttl-minutes"));
    cases.add(List.of("--user is required", "--role", "ADMIN"));
    cases.add(List.of("unknown option: --users", "--users", "alice"));
    for (List<String> c : cases) {
      Run run = run(dir, c.subList(1, c.size()).toArray(String[]::new));
      String where = c.subList(1, c.size()) + ":\n" + run.err();
      assertEquals(2, run.exit(), where);
      assertEquals("", run.out(), where);
      assertEquals(
          List.of("tollgate token: " + c.get(0), DevTokens.USAGE),
          run.err().lines().toList(),
          where);
    }
    assertFalse(Files.exists(dir.resolve("jwt")), "no keys are made for a wrong command");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(Path dir, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--dir", dir.resolve("jwt").toString()));
    all.addAll(List.of(args));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        DevTokens.run(
            all.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String permissions(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}
