package io.tollgate.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The bench tools in one jar, started by {@code bench/run}:
 *
 * <pre>
 * rate       open-model HTTP load at a fixed rate; latency percentiles without coordinated omission
 * events     creates at a fixed rate; time from each 201 until the project is in a read model
 * kafka-e2e  Kafka's EndToEndLatency loop, timed in microseconds
 * startup    time from process start to the first ready health check, and RSS after warm-up
 * ids        writes the ids of the seeded projects, one a line (for wrk's Lua scripts)
 * sql-shape  compares a real create's statements (PostgreSQL's log) with the pgbench twin's
 * report     turns a run's raw outputs into the results table
 * attach     loads a native agent (async-profiler) into a running JVM
 * </pre>
 */
public final class LoadGen {

  private LoadGen() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
      usage(System.out);
      return;
    }
    try {
      switch (args[0]) {
        case "rate" -> rate(new Args(args, 1), System.out);
        case "events" -> EventLatency.main(new Args(args, 1), System.out);
        case "kafka-e2e" -> KafkaE2E.main(new Args(args, 1), System.out);
        case "startup" -> Startup.main(new Args(args, 1), System.out);
        case "ids" -> ids(new Args(args, 1));
        case "report" -> Report.main(new Args(args, 1), System.out);
        case "sql-shape" -> SqlShape.main(new Args(args, 1), System.out);
        case "attach" -> Attach.main(new Args(args, 1), System.out);
        default -> {
          System.err.println("unknown command: " + args[0]);
          usage(System.err);
          System.exit(2);
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("loadgen " + args[0] + ": " + e.getMessage());
      System.exit(2);
    }
  }

  private static void usage(PrintStream out) {
    out.println(
        """
        usage: loadgen COMMAND [options]
          rate --url URL [--ids N] [--create-prefix XY] --rate R [--warmup 5s] [--duration 10s]
               [--connections 16] [--expect 200] [--header 'Name: value']... [--label L] [--out F]
               URL may hold {id}: replaced by one of the N seeded project ids (md5(n)::uuid).
               --create-prefix POSTs a new project with a unique key instead (expect 201).
          events --create-url URL --jdbc jdbc:postgresql://HOST:PORT [--user postgres]
               [--password postgres] [--read-db milestone] [--outbox-db project] [--rate 200]
               [--warmup 5s] [--duration 15s] [--observe notify|poll] [--header H]... [--out F]
          kafka-e2e --bootstrap HOST:PORT [--topic bench.e2e] [--messages 2000]
               [--warmup-messages 200] [--size 512] [--acks all] [--out F]
          startup --name NAME --health URL [--warmup-url URL] [--ids N] [--warmup-requests 2000]
               [--repeat 1] [--port P] [--management-port P] [--env K=V]... [--header H]...
               [--log F] [--out F] -- COMMAND...
               {port} and {management-port} in the URLs, the environment and the command become
               the first free port from P up, at each start.
          ids --count N --out F
          sql-shape --log postgres.log --script bench/sql/create.sql [--out F]
          report --run DIR --out F.md
          attach --pid PID --agent LIB.so --options 'start,event=itimer'
        """);
  }

  /** Open-model HTTP load. */
  static LatencyResult rate(Args a, PrintStream out) throws Exception {
    String url = a.required("url");
    int ids = a.integer("ids", 0);
    String createPrefix = a.string("create-prefix", null);
    List<String> headers = a.all("header");
    int expect = a.integer("expect", createPrefix != null ? 201 : 200);
    OpenLoop.Config config =
        new OpenLoop.Config(
            a.number("rate", 1000),
            a.duration("warmup", "5s"),
            a.duration("duration", "10s"),
            a.integer("connections", 16),
            expect);
    HttpClient client = Http.client();
    OpenLoop.Call call;
    if (createPrefix != null) {
      URI uri = URI.create(url);
      call =
          seq ->
              Http.status(
                  client,
                  Http.postJson(
                      uri, Projects.createBody(Projects.key(createPrefix, seq)), headers));
    } else if (url.contains("{id}")) {
      if (ids <= 0) {
        throw new IllegalArgumentException("a URL with {id} needs --ids N");
      }
      URI[] uris = new URI[ids];
      for (int i = 0; i < ids; i++) {
        uris[i] = URI.create(url.replace("{id}", Projects.seededId(i + 1L).toString()));
      }
      call =
          seq ->
              Http.status(
                  client,
                  Http.get(uris[(int) Long.remainderUnsigned(Projects.mix(seq), ids)], headers));
    } else {
      URI uri = URI.create(url);
      call = seq -> Http.status(client, Http.get(uri, headers));
    }
    LatencyResult result = OpenLoop.run(config, call);
    String label = a.string("label", "rate");
    result.print(out, label);
    String file = a.string("out", null);
    if (file != null) {
      Properties props = new Properties();
      props.setProperty("label", label);
      props.setProperty("url", url);
      result.putInto(props, "");
      LatencyResult.store(props, Path.of(file));
    }
    return result;
  }

  private static void ids(Args a) throws Exception {
    int count = a.integer("count", 10_000);
    List<String> lines = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      lines.add(Projects.seededId(i).toString());
    }
    Path out = Path.of(a.required("out"));
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.write(out, lines);
  }
}
