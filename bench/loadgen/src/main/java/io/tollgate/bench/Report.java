package io.tollgate.bench;

import static io.tollgate.bench.Outputs.f;
import static io.tollgate.bench.Outputs.num;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Writes a run's results as Markdown: a summary of every target with its same-run reference and
 * ratio, then each benchmark's figures with the conditions they were taken under. Anything that a
 * run did not produce is reported as not measured, never guessed.
 */
final class Report {

  static final List<String> SERVICES =
      List.of(
          "project-service",
          "milestone-service",
          "risk-service",
          "notification-service",
          "gateway");

  /**
   * nginx's added p99 is floored here so that a near-zero reference cannot make the ratio blow up.
   */
  static final double ADDED_P99_FLOOR_MS = 0.1;

  private final Path run;
  private final Properties meta;
  private final List<String[]> summary = new ArrayList<>();
  private final StringBuilder details = new StringBuilder();

  private Report(Path run) {
    this.run = run;
    this.meta = Outputs.props(run.resolve("meta.properties")).orElse(new Properties());
  }

  static void main(Args a, PrintStream out) throws Exception {
    Path run = Path.of(a.required("run"));
    String md = new Report(run).render();
    String file = a.string("out", null);
    if (file != null) {
      Path p = Path.of(file);
      if (p.getParent() != null) {
        Files.createDirectories(p.getParent());
      }
      Files.writeString(p, md);
    }
    out.print(md);
  }

  private String m(String key) {
    return meta.getProperty(key, "?");
  }

  String render() {
    gateway();
    crud();
    events();
    startup();
    StringBuilder sb = new StringBuilder();
    sb.append("# Tollgate benchmark: ")
        .append(m("date"))
        .append(" (")
        .append(m("mode"))
        .append(" mode)\n\n");
    sb.append("Written by `bench/run")
        .append("quick".equals(m("mode")) ? " --quick" : "")
        .append("` from the raw outputs in `")
        .append(m("run_dir"))
        .append("`. Every reference figure was measured in the same run on the same machine;")
        .append(" the ratios are the point, absolute figures move with whatever else the machine")
        .append(" is doing.\n\n");
    sb.append("| condition | value |\n| --- | --- |\n");
    row(sb, "machine", m("cores") + " cores (" + m("cpu") + "), " + m("memory"));
    row(
        sb,
        "load average (1, 5, 15 min) before the run / at its end",
        m("loadavg") + " / " + m("loadavg_end"));
    row(sb, "JVM (services and load generator)", m("java"));
    row(sb, "start-up archives (docs/adr/0011-start-up-archives.md)", m("archives"));
    row(sb, "commit", m("commit"));
    row(sb, "PostgreSQL", m("postgres"));
    row(sb, "tools", m("tools"));
    row(sb, "platform started by", m("platform"));
    row(sb, "service jars built at (UTC)", m("builds"));
    row(sb, "JVM warm-up before the first window", m("platform_warmup"));
    sb.append('\n');
    double load = firstNumber(m("loadavg"));
    double cores = firstNumber(m("cores"));
    if (load >= 0.5 * cores) {
      sb.append("**The machine was busy before this run started (load average ")
          .append(m("loadavg"))
          .append(" on ")
          .append(m("cores"))
          .append(
              " cores): other work competed for the CPU, so treat these figures as noisy.**\n\n");
    }
    sb.append("## Summary\n\n");
    if ("quick".equals(m("mode"))) {
      sb.append(
          "Quick mode checks that every benchmark runs and answers without errors, in about three"
              + " minutes. Its JVMs start without start-up archives and get a few seconds of"
              + " warm-up before windows of a few seconds, so the JIT compilers are still at work"
              + " through most of them and the figures fall far below what the same build"
              + " reaches in a full run. Its verdicts are therefore marked indicative; the targets"
              + " are judged on a full run (`bench/run`).\n\n");
    }
    sb.append("| # | figure | measured | same-run reference | ratio | target | verdict |\n");
    sb.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (String[] r : summary) {
      sb.append("| ").append(String.join(" | ", r)).append(" |\n");
    }
    sb.append('\n');
    sb.append(details);
    return sb.toString();
  }

  private static double firstNumber(String s) {
    try {
      return Double.parseDouble(s.trim().split("\\s+")[0]);
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private static void row(StringBuilder sb, String k, String v) {
    sb.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  private void target(
      String n, String what, String measured, String ref, String ratio, String target, Boolean ok) {
    summary.add(
        new String[] {
          n, what, measured, ref, ratio, target, verdict(ok, "quick".equals(m("mode")))
        });
  }

  /**
   * A target's verdict. Quick mode's windows are too short for it: its JVMs start without archives
   * and are still compiling through them, so its verdicts only say which side of the target the
   * figure fell on, and are marked as such.
   */
  static String verdict(Boolean ok, boolean quick) {
    if (ok == null) {
      return "not measured";
    }
    if (quick) {
      return ok ? "indicative: met" : "indicative: missed";
    }
    return ok ? "met" : "MISSED";
  }

  private static String ratio(double r) {
    return Double.isNaN(r) || Double.isInfinite(r) ? "n/a" : f(r, 2) + "x";
  }

  /**
   * A ratio judged against {@code target}: with a third decimal when two would round it onto the
   * target, so that a figure just under 0.5x does not read "0.50x" next to its "MISSED".
   */
  static String ratio(double r, double target) {
    if (!Double.isNaN(r) && !Double.isInfinite(r) && f(r, 2).equals(f(target, 2)) && r != target) {
      return f(r, 3) + "x";
    }
    return ratio(r);
  }

  private static Boolean check(double value, boolean ok) {
    return Double.isNaN(value) ? null : ok;
  }

  // ---------------------------------------------------------------- 1. gateway overhead

  private void gateway() {
    String[] targets = {"direct", "gateway", "nginx"};
    String[] names = {"project-service directly", "through the gateway", "through nginx"};
    Outputs.Wrk[] tp = new Outputs.Wrk[3];
    Properties[] lat = new Properties[3];
    for (int i = 0; i < 3; i++) {
      tp[i] = rounds("gw.tp." + targets[i]).orElse(null);
      lat[i] = Outputs.props(run.resolve("gw.lat." + targets[i] + ".properties")).orElse(null);
    }
    details.append("## 1. Gateway overhead: GET /api/v1/projects/{id}\n\n");
    details
        .append("Throughput: wrk, closed loop, ")
        .append(m("tp_threads"))
        .append(" threads, ")
        .append(m("tp_connections"))
        .append(" connections, ")
        .append(m("tp_warmup"))
        .append(" warm-up then ")
        .append(m("tp_duration"))
        .append(" measured per round, ")
        .append(m("tp_rounds"))
        .append(" rounds in alternating order (direct, gateway, nginx; then the reverse) averaged,")
        .append(" ids drawn at random from ")
        .append(m("seed_rows"))
        .append(" seeded projects. Latency: the open-model load generator at a fixed ")
        .append(m("lat_rate"))
        .append(" req/s (at most ")
        .append(m("lat_connections"))
        .append(" in flight), ")
        .append(m("lat_warmup"))
        .append(" warm-up then ")
        .append(m("lat_duration"))
        .append(" measured; latency counted from each request's intended start (no coordinated")
        .append(" omission). nginx: Debian's nginx, `proxy_pass` to an upstream with `keepalive`,")
        .append(" HTTP/1.1 upstream connections, access log off, `worker_processes auto`.\n\n");
    details.append(
        "| route | req/s (closed loop) | vs direct | errors | p50 ms | p90 ms | p99 ms | p99.9"
            + " ms | max ms | added p50 ms | added p99 ms |\n");
    details.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    double direct = tp[0] == null ? Double.NaN : tp[0].requestsPerSecond();
    for (int i = 0; i < 3; i++) {
      double rps = tp[i] == null ? Double.NaN : tp[i].requestsPerSecond();
      String errors =
          (tp[i] == null ? "n/a" : String.valueOf(tp[i].non2xx() + tp[i].socketErrors()))
              + " / "
              + (lat[i] == null ? "n/a" : lat[i].getProperty("errors"));
      details
          .append("| ")
          .append(names[i])
          .append(" | ")
          .append(f(rps, 0))
          .append(" | ")
          .append(ratio(rps / direct))
          .append(" | ")
          .append(errors)
          .append(" | ");
      for (String p : new String[] {"p50", "p90", "p99", "p99_9", "max"}) {
        details.append(f(latency(lat[i], p), 3)).append(" | ");
      }
      details
          .append(i == 0 ? "" : f(latency(lat[i], "p50") - latency(lat[0], "p50"), 3))
          .append(" | ")
          .append(i == 0 ? "" : f(latency(lat[i], "p99") - latency(lat[0], "p99"), 3))
          .append(" |\n");
    }
    details.append(
        "\nErrors: non-2xx and socket errors under wrk / failed requests in the latency run."
            + " A figure with errors is not a valid figure.\n\n");

    double gw = tp[1] == null ? Double.NaN : tp[1].requestsPerSecond();
    double ng = tp[2] == null ? Double.NaN : tp[2].requestsPerSecond();
    target(
        "1",
        "gateway throughput, c=" + m("tp_connections"),
        f(gw, 0) + " req/s",
        "nginx " + f(ng, 0) + " req/s (direct " + f(direct, 0) + ")",
        ratio(gw / ng, 0.9),
        ">= 0.9x nginx",
        check(gw / ng, gw / ng >= 0.9));
    double addedP50 = latency(lat[1], "p50") - latency(lat[0], "p50");
    double nginxAddedP50 = latency(lat[2], "p50") - latency(lat[0], "p50");
    target(
        "1",
        "gateway added p50 @ " + m("lat_rate") + "/s",
        f(addedP50, 3) + " ms",
        "nginx " + f(nginxAddedP50, 3) + " ms",
        "",
        "<= 1 ms",
        check(addedP50, addedP50 <= 1.0));
    double addedP99 = latency(lat[1], "p99") - latency(lat[0], "p99");
    double nginxAddedP99 = latency(lat[2], "p99") - latency(lat[0], "p99");
    double r99 = addedP99 / Math.max(ADDED_P99_FLOOR_MS, nginxAddedP99);
    target(
        "1",
        "gateway added p99 @ " + m("lat_rate") + "/s",
        f(addedP99, 3) + " ms",
        "nginx " + f(nginxAddedP99, 3) + " ms",
        ratio(r99, 1.5),
        "<= 1.5x nginx's",
        check(r99, r99 <= 1.5));
    if (nginxAddedP99 <= 0) {
      // nginx "removing" latency means the run-to-run noise is larger than what is measured
      summary.get(summary.size() - 1)[6] = "inconclusive (noise > nginx's added p99)";
    }
    target(
        "1",
        "nginx throughput vs direct (info)",
        f(ng / direct, 2) + "x",
        "issue's reference: 0.56x",
        "",
        "",
        null);
    summary.get(summary.size() - 1)[6] = "info";
  }

  /**
   * The outputs of one measurement's rounds ({@code PREFIX.rN EXT}, N = 1..10), or of its single
   * window ({@code PREFIX EXT}) in runs without rounds.
   */
  private <T> List<T> roundsOf(String prefix, String ext, Function<Path, Optional<T>> read) {
    List<T> all = new ArrayList<>();
    for (int r = 1; r <= 10; r++) {
      read.apply(run.resolve(prefix + ".r" + r + ext)).ifPresent(all::add);
    }
    if (all.isEmpty()) {
      read.apply(run.resolve(prefix + ext)).ifPresent(all::add);
    }
    return all;
  }

  /** The rounds of one wrk measurement: mean req/s, summed counts and errors. */
  private Optional<Outputs.Wrk> rounds(String prefix) {
    List<Outputs.Wrk> all = roundsOf(prefix, ".wrk.txt", Outputs::wrk);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Outputs.Wrk(
            all.stream().mapToDouble(Outputs.Wrk::requestsPerSecond).average().orElse(0),
            all.stream().mapToLong(Outputs.Wrk::requests).sum(),
            all.stream().mapToDouble(Outputs.Wrk::seconds).sum(),
            all.stream().mapToLong(Outputs.Wrk::non2xx).sum(),
            all.stream().mapToLong(Outputs.Wrk::socketErrors).sum(),
            all.get(0).latencyMillis()));
  }

  /** The rounds of one pgbench measurement: mean TPS and latency, summed counts. */
  private Optional<Outputs.Pgbench> pgbenchRounds(String prefix) {
    List<Outputs.Pgbench> all = roundsOf(prefix, ".txt", Outputs::pgbench);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Outputs.Pgbench(
            all.stream().mapToDouble(Outputs.Pgbench::tps).average().orElse(0),
            all.stream().mapToLong(Outputs.Pgbench::processed).sum(),
            all.stream().mapToLong(Outputs.Pgbench::failed).sum(),
            all.stream().mapToDouble(Outputs.Pgbench::latencyAverageMillis).average().orElse(0)));
  }

  private static double latency(Properties p, String key) {
    return p == null ? Double.NaN : num(p, key + "_ms");
  }

  // ---------------------------------------------------------------- 2. CRUD vs pgbench

  private void crud() {
    details.append("## 2. CRUD throughput against the database's own limit\n\n");
    details
        .append("Service: wrk, closed loop, straight to project-service, ")
        .append(m("crud_warmup"))
        .append(" warm-up then ")
        .append(m("crud_duration"))
        .append(" measured")
        .append(
            num(meta, "crud_rounds") > 1
                ? "; creates with the consumers paused and their pgbench reference in "
                    + m("crud_rounds")
                    + " rounds, the order reversed in every second round (service, pgbench;"
                    + " pgbench, service), averaged"
                : "")
        .append(". Create = `POST /api/v1/projects` (a unique key per request; no")
        .append(" Idempotency-Key), which runs one transaction (its statements are listed below).")
        .append(" Each concurrency is measured twice: with the whole platform running, and with")
        .append(" milestone-, risk- and notification-service paused (SIGSTOP) for ")
        .append(m("crud_alone_warmup"))
        .append(" of warm-up and the measured window, then resumed and drained. pgbench's")
        .append(" reference runs while they are idle, and in a deployment they run on other nodes,")
        .append(" so the target is on the second figure; the first shows what the consumers' share")
        .append(" of the same two cores costs the writer (quick mode measures only the second).")
        .append(" The outbox relay runs in both.")
        .append(" pgbench runs the same statements in the same transaction shape")
        .append(" (`bench/sql/create.sql`, `-M prepared`, as the JDBC driver ends up doing)")
        .append(" with as many clients as wrk has connections, ")
        .append(m("pgb_duration"))
        .append(" each, against the same PostgreSQL server, in `bench_project`, a schema-only copy")
        .append(" of `project` (so that the running relay does not publish pgbench's rows). Read")
        .append(" = `GET /api/v1/projects/{id}`")
        .append(" vs pgbench running Hibernate's primary-key select (`bench/sql/read.sql`) on the")
        .append(" same ")
        .append(m("seed_rows"))
        .append(" rows.\n\n");
    details.append(
        "| operation | clients | service req/s | errors | pgbench TPS | pgbench avg latency ms |"
            + " service / pgbench |\n");
    details.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    Optional<Properties> shape = Outputs.props(run.resolve("create.shape.properties"));
    boolean twinStale = shape.map(p -> !"true".equals(p.getProperty("match"))).orElse(false);
    for (String c : new String[] {"2", "8"}) {
      Optional<Outputs.Wrk> all = Outputs.wrk(run.resolve("crud.create.c" + c + ".wrk.txt"));
      Optional<Outputs.Wrk> alone = rounds("crud.create-alone.c" + c);
      Optional<Outputs.Pgbench> p = pgbenchRounds("crud.pgbench.create.c" + c);
      double d = p.map(Outputs.Pgbench::tps).orElse(Double.NaN);
      if (alone.isPresent()) {
        crudRow("create, consumers paused", c, alone, p);
        if (all.isPresent()) {
          crudRow("create, whole platform (info)", c, all, p);
        }
      } else {
        crudRow("create", c, all, p);
      }
      // the target is on the writer against its database, as pgbench measures it: with the
      // consumers paused (runs from before that window existed have only the other figure)
      Optional<Outputs.Wrk> w = alone.isPresent() ? alone : all;
      double s = w.map(Outputs.Wrk::requestsPerSecond).orElse(Double.NaN);
      target(
          "2",
          "create throughput, c=" + c + (alone.isPresent() ? ", consumers paused" : ""),
          f(s, 0) + " req/s",
          "pgbench " + f(d, 0) + " TPS",
          ratio(s / d, 0.5),
          ">= 0.5x pgbench",
          twinStale ? null : check(s / d, s / d >= 0.5 && w.get().clean()));
      if (twinStale) {
        summary.get(summary.size() - 1)[6] = "twin differs from the service";
      }
      if (alone.isPresent() && all.isPresent()) {
        double a = all.map(Outputs.Wrk::requestsPerSecond).orElse(Double.NaN);
        target(
            "2",
            "create throughput, c=" + c + ", whole platform on the same cores",
            f(a, 0) + " req/s",
            "pgbench " + f(d, 0) + " TPS",
            ratio(a / d),
            "",
            null);
        summary.get(summary.size() - 1)[6] = "info";
      }
    }
    Optional<Outputs.Pgbench> relay =
        Outputs.pgbench(run.resolve("crud.pgbench.create-relay.c8.txt"));
    if (relay.isPresent()) {
      crudRow(
          "create + the relay's transaction for its events (info)", "8", Optional.empty(), relay);
    }
    Optional<Outputs.Wrk> r = Outputs.wrk(run.resolve("crud.read.c8.wrk.txt"));
    Optional<Outputs.Pgbench> rp = Outputs.pgbench(run.resolve("crud.pgbench.read.c8.txt"));
    crudRow("read by id", "8", r, rp);
    shape.ifPresent(
        p ->
            details
                .append("\nThe twin checked against the service in this run (one create with")
                .append(" `log_statement=all`): the service's transaction ran `")
                .append(p.getProperty("service"))
                .append("`; `create.sql` runs `")
                .append(p.getProperty("twin"))
                .append("`: ")
                .append(
                    twinStale
                        ? "**they differ, so the create ratio compares different work; update"
                            + " bench/sql/create.sql.**"
                        : "the same statements in the same order.")
                .append('\n'));
    double reads = r.map(Outputs.Wrk::requestsPerSecond).orElse(Double.NaN);
    target(
        "2",
        "read throughput, c=8",
        f(reads, 0) + " req/s",
        "pgbench PK select " + f(rp.map(Outputs.Pgbench::tps).orElse(Double.NaN), 0) + " TPS",
        ratio(reads / rp.map(Outputs.Pgbench::tps).orElse(Double.NaN)),
        ">= 4,000 req/s",
        check(reads, reads >= 4000 && r.get().clean()));
    details.append('\n');
  }

  private void crudRow(String op, String c, Optional<Outputs.Wrk> w, Optional<Outputs.Pgbench> p) {
    double s = w.map(Outputs.Wrk::requestsPerSecond).orElse(Double.NaN);
    double d = p.map(Outputs.Pgbench::tps).orElse(Double.NaN);
    details
        .append("| ")
        .append(op)
        .append(" | ")
        .append(c)
        .append(" | ")
        .append(f(s, 0))
        .append(" | ")
        .append(w.map(x -> String.valueOf(x.non2xx() + x.socketErrors())).orElse("n/a"))
        .append(" | ")
        .append(f(d, 0))
        .append(p.map(x -> x.failed() > 0 ? " (" + x.failed() + " failed)" : "").orElse(""))
        .append(" | ")
        .append(f(p.map(Outputs.Pgbench::latencyAverageMillis).orElse(Double.NaN), 3))
        .append(" | ")
        .append(ratio(s / d, 0.5))
        .append(" |\n");
  }

  // ---------------------------------------------------------------- 3. event latency

  private void events() {
    Optional<Properties> ev = Outputs.props(run.resolve("events.properties"));
    Optional<Properties> twin = Outputs.props(run.resolve("kafka.twin.properties"));
    Optional<Outputs.KafkaTool> tool = Outputs.kafkaTool(run.resolve("kafka.tool.txt"));
    details.append("## 3. Event latency: HTTP 201 of a create until milestone-service has it\n\n");
    details
        .append("Creates `POST` straight to project-service at a fixed ")
        .append(m("ev_rate"))
        .append("/s (open model), ")
        .append(m("ev_warmup"))
        .append(" warm-up then ")
        .append(m("ev_duration"))
        .append(" measured. Visible = the row's insert into `project_ref` in database")
        .append(" `milestone` has committed, observed with LISTEN/NOTIFY from a trigger the")
        .append(" benchmark adds for the run (notifications are delivered at commit). The relay's")
        .append(" share runs from the outbox row's `created_at` (set inside the create's")
        .append(" transaction) to the commit of the relay's transaction that deleted the row")
        .append(" once the broker acknowledged it, recorded by a deferred trigger the benchmark")
        .append(" adds for the run. Kafka's floor on the same broker: its own")
        .append(" `org.apache.kafka.tools.EndToEndLatency` (kafka-tools ")
        .append(m("kafka_version"))
        .append(", ")
        .append(m("e2e_messages"))
        .append(" messages of ")
        .append(m("e2e_size"))
        .append(" B, acks=all; it prints whole milliseconds) and the same loop timed in")
        .append(" microseconds by the load generator.\n\n");
    details.append("| path | count | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |\n");
    details.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    ev.ifPresent(
        p -> {
          evRow("201 -> visible in milestone read model", p, "e2e", p.getProperty("events"));
          evRow("outbox relay: created -> published (relay committed)", p, "relay", null);
          evRow("published -> visible", p, "delivery", null);
          evRow("create request itself (HTTP)", p, "http", p.getProperty("http.count"));
        });
    twin.ifPresent(p -> evRow("Kafka send+poll loop (µs timing)", p, "e2e", null));
    tool.ifPresent(
        t ->
            details
                .append("| Kafka EndToEndLatency tool (whole ms; avg ")
                .append(f(t.averageMillis(), 3))
                .append(") | ")
                .append(m("e2e_messages"))
                .append(" | ")
                .append(t.p50())
                .append(" |  | ")
                .append(t.p99())
                .append(" | ")
                .append(t.p999())
                .append(" |  |\n"));
    ev.ifPresent(
        p ->
            details
                .append("\nMissing (never became visible within the settle time): ")
                .append(p.getProperty("missing"))
                .append("; create errors: ")
                .append(p.getProperty("http.errors"))
                .append("; events not yet published when read: ")
                .append(p.getProperty("unpublished"))
                .append(".\n\n"));
    boolean seen = ev.map(p -> num(p, "events") > 0).orElse(false);
    double p50 = seen ? num(ev.get(), "e2e.p50_ms") : Double.NaN;
    double p99 = seen ? num(ev.get(), "e2e.p99_ms") : Double.NaN;
    String floor50 =
        twin.map(p -> "Kafka " + f(num(p, "e2e.p50_ms"), 3) + " ms").orElse("Kafka n/a");
    String floor99 =
        twin.map(p -> "Kafka " + f(num(p, "e2e.p99_ms"), 3) + " ms").orElse("Kafka n/a");
    String relay50 = seen ? "; relay " + f(num(ev.get(), "relay.p50_ms"), 3) + " ms" : "";
    String relay99 = seen ? "; relay " + f(num(ev.get(), "relay.p99_ms"), 3) + " ms" : "";
    boolean complete =
        ev.map(
                p ->
                    "0".equals(p.getProperty("missing"))
                        && "0".equals(p.getProperty("http.errors")))
            .orElse(false);
    ev.ifPresent(
        p -> {
          double intended = num(p, "http.rate");
          double achieved = num(p, "http.achieved_rate");
          if (achieved < 0.95 * intended) {
            details
                .append("**The service did not sustain the write rate (")
                .append(f(achieved, 1))
                .append("/s of ")
                .append(f(intended, 0))
                .append("/s): creates queued, and the relay and the consumers ran on a saturated")
                .append(" machine. These event latencies are latencies under overload.**\n\n");
          }
        });
    target(
        "3",
        "event latency p50 @ " + m("ev_rate") + "/s",
        f(p50, 3) + " ms",
        floor50 + relay50,
        twin.map(p -> ratio(p50 / num(p, "e2e.p50_ms"))).orElse("n/a"),
        "<= 10 ms",
        check(p50, p50 <= 10 && complete));
    target(
        "3",
        "event latency p99 @ " + m("ev_rate") + "/s",
        f(p99, 3) + " ms",
        floor99 + relay99,
        twin.map(p -> ratio(p99 / num(p, "e2e.p99_ms"))).orElse("n/a"),
        "<= 50 ms",
        check(p99, p99 <= 50 && complete));
  }

  private void evRow(String name, Properties p, String prefix, String count) {
    String c = count != null ? count : p.getProperty(prefix + ".count", "");
    boolean none = "0".equals(c.trim());
    details.append("| ").append(name).append(" | ").append(c).append(" |");
    for (String k : new String[] {"p50", "p90", "p99", "p99_9", "max"}) {
      details
          .append(' ')
          .append(none ? "n/a" : f(num(p, prefix + "." + k + "_ms"), 3))
          .append(" |");
    }
    details.append('\n');
  }

  // ---------------------------------------------------------------- 4. start-up and memory

  private void startup() {
    details.append("## 4. Start-up and memory\n\n");
    details
        .append("Each service is started on its own (a second instance beside the running")
        .append(" platform, on the same PostgreSQL and Kafka, schema already migrated) with the")
        .append(" launcher's JVM and options (`")
        .append(m("jvm_opts"))
        .append("`) and its start-up archive, if any (")
        .append(m("archives"))
        .append("); ready = first `200` from `/q/health/ready` (the gateway's on its")
        .append(" management port), timed from just before the process is spawned, polled every")
        .append(" 10 ms. RSS from `/proc/PID/status` after ")
        .append(m("startup_warmup_requests"))
        .append(" warm-up requests (4 clients) to a representative endpoint; median of ")
        .append(m("startup_repeat"))
        .append(" start(s). Reference: a bare Quarkus REST app with a health check")
        .append(" (`bench/bare-app`, quarkus-rest-jackson + smallrye-health) built by the same")
        .append(" quarkus-maven-plugin as a fast-jar (Quarkus's default, its fastest start")
        .append(" without an archive) and started by the same JVM with the same options, without")
        .append(" an archive: the floor the services are held to.\n\n");
    details.append(
        "| service | ready ms | vs bare | RSS MB after warm-up | vs bare | peak RSS MB | warm-up"
            + " endpoint |\n");
    details.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    Optional<Properties> bare = Outputs.props(run.resolve("startup.bare-app.properties"));
    double bareReady = bare.map(p -> num(p, "ready_ms")).orElse(Double.NaN);
    double bareRss = bare.map(p -> num(p, "rss_mb")).orElse(Double.NaN);
    bare.ifPresent(p -> startupRow("bare Quarkus app (reference)", p, bareReady, bareRss));
    for (String s : SERVICES) {
      Optional<Properties> p = Outputs.props(run.resolve("startup." + s + ".properties"));
      p.ifPresent(x -> startupRow(s, x, bareReady, bareRss));
      double ready = p.map(x -> num(x, "ready_ms")).orElse(Double.NaN);
      double rss = p.map(x -> num(x, "rss_mb")).orElse(Double.NaN);
      target(
          "4",
          s + " start-up",
          f(ready, 0) + " ms",
          "bare " + f(bareReady, 0) + " ms",
          ratio(ready / bareReady, 1.5),
          "<= 1.5x bare",
          check(ready / bareReady, ready / bareReady <= 1.5));
      target(
          "4",
          s + " RSS after warm-up",
          f(rss, 0) + " MB",
          "bare " + f(bareRss, 0) + " MB",
          ratio(rss / bareRss, 1.5),
          "<= 1.5x bare",
          check(rss / bareRss, rss / bareRss <= 1.5));
    }
    Optional<Properties> up = Outputs.props(run.resolve("up.properties"));
    double upS = up.map(p -> num(p, "up_s")).orElse(Double.NaN);
    target(
        "4",
        "`"
            + up.map(p -> p.getProperty("command", "tollgate up")).orElse("tollgate up")
            + "` to all ready",
        f(upS, 1) + " s",
        "",
        "",
        "<= 30 s",
        check(upS, upS <= 30));
    details
        .append("\nPlatform start (`")
        .append(up.map(p -> p.getProperty("command", "?")).orElse("?"))
        .append("`, built beforehand, fresh data directory) until PostgreSQL, Kafka, the four")
        .append(" services and the gateway all answered ready: ")
        .append(f(upS, 1))
        .append(" s.");
    double firstS = up.map(p -> num(p, "first_up_s")).orElse(Double.NaN);
    if (!Double.isNaN(firstS)) {
      details
          .append(" The first start of this build, which recorded the start-up archives: ")
          .append(f(firstS, 1))
          .append(" s (information).");
    }
    details.append('\n');
  }

  private void startupRow(String name, Properties p, double bareReady, double bareRss) {
    double ready = num(p, "ready_ms");
    double rss = num(p, "rss_mb");
    details
        .append("| ")
        .append(name)
        .append(" | ")
        .append(f(ready, 0))
        .append(
            p.getProperty("ready_ms_all", "").contains(",")
                ? " " + p.getProperty("ready_ms_all")
                : "")
        .append(" | ")
        .append(ratio(ready / bareReady))
        .append(" | ")
        .append(f(rss, 0))
        .append(" | ")
        .append(ratio(rss / bareRss))
        .append(" | ")
        .append(f(num(p, "hwm_mb"), 0))
        .append(" | ")
        .append(p.getProperty("warmup_endpoint", ""))
        .append(
            p.getProperty("warmup_errors", "0").equals("0")
                ? ""
                : " (" + p.getProperty("warmup_errors") + " errors)")
        .append(" |\n");
  }
}
