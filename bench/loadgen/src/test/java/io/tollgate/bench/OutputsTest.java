package io.tollgate.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputsTest {

  static final String WRK =
      """
      Running 5s test @ http://127.0.0.1:48081/api/v1/projects/
        2 threads and 16 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     2.10ms    1.31ms  31.47ms   89.12%
          Req/Sec     3.95k   312.44     4.61k    71.00%
        Latency Distribution
           50%    1.83ms
           75%    2.41ms
           90%    3.24ms
           99%  850.00us
        39321 requests in 5.01s, 16.10MB read
        Non-2xx or 3xx responses: 3
        Socket errors: connect 0, read 1, write 0, timeout 2
      Requests/sec:   7848.31
      Transfer/sec:      3.21MB
      """;

  static final String PGBENCH =
      """
      transaction type: bench/sql/create.sql
      scaling factor: 1
      query mode: prepared
      number of clients: 8
      number of threads: 2
      maximum number of tries: 1
      duration: 5 s
      number of transactions actually processed: 26512
      number of failed transactions: 0 (0.000%)
      latency average = 1.508 ms
      initial connection time = 8.245 ms
      tps = 5304.912345 (without initial connection time)
      """;

  @Test
  void parsesWrk() {
    Outputs.Wrk w = Outputs.wrk(WRK);
    assertEquals(7848.31, w.requestsPerSecond(), 1e-9);
    assertEquals(39321, w.requests());
    assertEquals(5.01, w.seconds(), 1e-9);
    assertEquals(3, w.non2xx());
    assertEquals(3, w.socketErrors());
    assertEquals(1.83, w.latencyMillis().get("p50"), 1e-9);
    assertEquals(0.85, w.latencyMillis().get("p99"), 1e-9);
    assertFalse(w.clean());
  }

  @Test
  void parsesPgbench() {
    Outputs.Pgbench p = Outputs.pgbench(PGBENCH);
    assertEquals(5304.912345, p.tps(), 1e-9);
    assertEquals(26512, p.processed());
    assertEquals(0, p.failed());
    assertEquals(1.508, p.latencyAverageMillis(), 1e-9);
  }

  @Test
  void parsesKafkaTool() {
    Outputs.KafkaTool k =
        Outputs.kafkaTool(
            "0\t41.2\nAvg latency: 0.7312 ms\nPercentiles: 50th = 0, 99th = 4, 99.9th = 9\n");
    assertEquals(0.7312, k.averageMillis(), 1e-9);
    assertEquals(0, k.p50());
    assertEquals(4, k.p99());
    assertEquals(9, k.p999());
  }

  @Test
  void seededIdsMatchPostgresMd5() {
    // select md5('1')::uuid
    assertEquals(UUID.fromString("c4ca4238-a0b9-2382-0dcc-509a6f75849b"), Projects.seededId(1));
    assertEquals("XY1Z", Projects.key("XY", 71));
    assertTrue(Projects.key("EV", Long.MAX_VALUE / 4).length() > 2);
  }

  @Test
  void reportSaysNotMeasuredForWhatIsMissingAndComputesRatios(@TempDir Path run) throws Exception {
    Files.writeString(
        run.resolve("meta.properties"), "mode=quick\ndate=2026-01-01\ntp_connections=16\n");
    String empty = new StringBuilder().append(renderTo(run)).toString();
    assertTrue(empty.contains("not measured"));
    assertFalse(empty.contains("met |"), empty);

    Files.writeString(
        run.resolve("gw.tp.direct.wrk.txt"),
        WRK.replace("Non-2xx or 3xx responses: 3\n", "")
            .replace("read 1, write 0, timeout 2", "read 0, write 0, timeout 0"));
    Files.writeString(run.resolve("gw.tp.gateway.wrk.txt"), WRK.replace("7848.31", "4000.00"));
    Files.writeString(run.resolve("gw.tp.nginx.wrk.txt"), WRK.replace("7848.31", "4200.00"));
    Files.writeString(run.resolve("crud.pgbench.create.c8.txt"), PGBENCH);
    Files.writeString(
        run.resolve("crud.create.c8.wrk.txt"),
        WRK.replace("7848.31", "3000.00")
            .replace("Non-2xx or 3xx responses: 3\n", "")
            .replace("read 1, write 0, timeout 2", "read 0, write 0, timeout 0"));
    String quick = renderTo(run);
    assertTrue(quick.contains("| 0.95x | >= 0.9x nginx | indicative: met |"), quick);
    assertTrue(quick.contains("| 0.57x | >= 0.5x pgbench | indicative: met |"), quick);
    assertTrue(quick.contains("the targets are judged on a full run"), quick);

    Files.writeString(
        run.resolve("meta.properties"), "mode=full\ndate=2026-01-01\ntp_connections=16\n");
    String full = renderTo(run);
    assertTrue(full.contains("| 0.95x | >= 0.9x nginx | met |"), full);
    assertTrue(full.contains("| 0.57x | >= 0.5x pgbench | met |"), full);
    assertFalse(full.contains("indicative"), full);
  }

  @Test
  void createRoundsAreAveragedOnBothSides(@TempDir Path run) throws Exception {
    Files.writeString(
        run.resolve("meta.properties"), "mode=full\ndate=2026-01-01\ncrud_rounds=2\n");
    String clean =
        WRK.replace("Non-2xx or 3xx responses: 3\n", "")
            .replace("read 1, write 0, timeout 2", "read 0, write 0, timeout 0");
    // service 900 then 1,100 req/s (mean 1,000); pgbench 2,400 then 1,600 TPS (mean 2,000)
    Files.writeString(
        run.resolve("crud.create-alone.c8.r1.wrk.txt"), clean.replace("7848.31", "900.00"));
    Files.writeString(
        run.resolve("crud.create-alone.c8.r2.wrk.txt"), clean.replace("7848.31", "1100.00"));
    Files.writeString(
        run.resolve("crud.pgbench.create.c8.r1.txt"), PGBENCH.replace("5304.912345", "2400.0"));
    Files.writeString(
        run.resolve("crud.pgbench.create.c8.r2.txt"), PGBENCH.replace("5304.912345", "1600.0"));
    String md = renderTo(run);
    assertTrue(
        md.contains(
            "| create throughput, c=8, consumers paused | 1,000 req/s | pgbench 2,000 TPS |"
                + " 0.50x | >= 0.5x pgbench | met |"),
        md);
    assertTrue(md.contains("in 2 rounds, the order reversed"), md);
  }

  @Test
  void aRatioJustShortOfItsTargetDoesNotRoundOntoIt() {
    assertEquals("0.496x", Report.ratio(1297.5 / 2613.5, 0.5), "0.4965 would read 0.50x, MISSED");
    assertEquals("1.503x", Report.ratio(1.503, 1.5));
    assertEquals("0.50x", Report.ratio(0.5, 0.5), "exactly on the target");
    assertEquals("0.48x", Report.ratio(0.484, 0.5), "clear of the target: two decimals");
  }

  @Test
  void quickModeMarksItsVerdictsIndicative() {
    assertEquals("indicative: missed", Report.verdict(false, true));
    assertEquals("MISSED", Report.verdict(false, false));
    assertEquals("not measured", Report.verdict(null, true));
  }

  @Test
  void theCreateTargetIsJudgedOnTheWindowWithTheConsumersPaused(@TempDir Path run)
      throws Exception {
    Files.writeString(run.resolve("crud.pgbench.create.c8.txt"), PGBENCH);
    String clean =
        WRK.replace("Non-2xx or 3xx responses: 3\n", "")
            .replace("read 1, write 0, timeout 2", "read 0, write 0, timeout 0");
    Files.writeString(run.resolve("crud.create.c8.wrk.txt"), clean.replace("7848.31", "500.00"));
    Files.writeString(
        run.resolve("crud.create-alone.c8.wrk.txt"), clean.replace("7848.31", "3000.00"));
    String md = renderTo(run);
    assertTrue(
        md.contains("| create throughput, c=8, consumers paused | 3,000 req/s |")
            && md.contains("| 0.57x | >= 0.5x pgbench | met |"),
        md);
    assertTrue(
        md.contains("| create throughput, c=8, whole platform on the same cores | 500 req/s |")
            && md.contains("| 0.09x |  | info |"),
        md);
    assertFalse(md.contains("| 0.09x | >= 0.5x pgbench |"), md);
  }

  private static String renderTo(Path run) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Report.main(
        new Args(new String[] {"--run", run.toString()}, 0),
        new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
