package io.tollgate.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/** The projects the benchmarks read and write. */
final class Projects {

  private Projects() {}

  /**
   * The id of seeded project {@code n}: PostgreSQL's {@code md5(n::text)::uuid}, so that pgbench
   * and the HTTP load pick from the same rows without sharing a file.
   */
  static UUID seededId(long n) {
    try {
      byte[] d =
          MessageDigest.getInstance("MD5")
              .digest(Long.toString(n).getBytes(StandardCharsets.UTF_8));
      String hex = HexFormat.of().formatHex(d);
      return UUID.fromString(
          hex.substring(0, 8)
              + "-"
              + hex.substring(8, 12)
              + "-"
              + hex.substring(12, 16)
              + "-"
              + hex.substring(16, 20)
              + "-"
              + hex.substring(20));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A unique project key (the service requires {@code ^[A-Z][A-Z0-9]{1,9}$}): a 2-letter run prefix
   * and the sequence number in base 36 (up to 8 characters, 2.8e12 keys per prefix).
   */
  static String key(String prefix, long seq) {
    if (!prefix.matches("^[A-Z][A-Z0-9]?$")) {
      throw new IllegalArgumentException("key prefix must be 1-2 capital letters or digits");
    }
    return prefix + Long.toString(seq, 36).toUpperCase(Locale.ROOT);
  }

  /** The create body: about the size of what a UI sends. */
  static String createBody(String key) {
    return "{\"key\":\""
        + key
        + "\",\"name\":\"Bench project "
        + key
        + "\",\"description\":\"Created by bench/run\",\"methodology\":\"AGILE\","
        + "\"startDate\":\"2026-01-05\",\"targetDate\":\"2026-09-30\"}";
  }

  /** A cheap, well-spread pseudo-random number for request {@code seq} (SplitMix64). */
  static long mix(long seq) {
    long z = seq + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
