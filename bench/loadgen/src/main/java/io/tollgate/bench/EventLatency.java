package io.tollgate.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Event latency: creates projects at a fixed rate (open model) and times each one from its HTTP 201
 * until the project is visible in a consumer's read model ({@code project_ref} in the consumer's
 * database).
 *
 * <p>Visibility is observed with {@code LISTEN/NOTIFY}: a trigger that this tool installs on {@code
 * project_ref} (and drops afterwards) notifies on every insert, and PostgreSQL delivers the
 * notification only when the consumer's transaction commits, i.e. exactly when the row becomes
 * visible to others. {@code --observe poll} polls the table every millisecond instead.
 *
 * <p>The relay's share comes from the outbox rows: the relay deletes a row in the transaction that
 * publishes it, which commits once the broker acknowledged, so for the run this tool adds a
 * deferred trigger on {@code outbox_event} (and drops it afterwards) that copies each deleted row's
 * {@code created_at}, set in the create's transaction, with the time of that commit into {@code
 * bench_outbox_published}.
 */
final class EventLatency {

  static final String CHANNEL = "bench_project_ref";

  private EventLatency() {}

  /** One create as it travels. Wall-clock values in microseconds since the epoch. */
  static final class Track {
    volatile long createdNanos;
    volatile long visibleNanos;
    volatile long visibleWallMicros;
    volatile boolean measured;
  }

  static void main(Args a, PrintStream out) throws Exception {
    String createUrl = a.required("create-url");
    String jdbc = stripSlash(a.required("jdbc"));
    String user = a.string("user", "postgres");
    String password = a.string("password", "postgres");
    String readDb = a.string("read-db", "milestone");
    String outboxDb = a.string("outbox-db", "project");
    String observe = a.string("observe", "notify");
    String prefix = a.string("prefix", "EV");
    List<String> headers = a.all("header");
    Duration settle = a.duration("settle", "30s");
    OpenLoop.Config config =
        new OpenLoop.Config(
            a.number("rate", 200),
            a.duration("warmup", "5s"),
            a.duration("duration", "15s"),
            a.integer("connections", 16),
            201);
    long interval = Math.max(1, Math.round(1_000_000_000d / config.rate()));
    long firstMeasured = (config.warmup().toNanos() + interval - 1) / interval;

    Map<String, Track> tracks = new ConcurrentHashMap<>();
    Observer observer =
        observe.equals("poll")
            ? new Poller(jdbc + "/" + readDb, user, password, tracks)
            : new Listener(jdbc + "/" + readDb, user, password, tracks);
    observer.start();
    PublicationLog publications = new PublicationLog(jdbc + "/" + outboxDb, user, password);
    publications.start();

    HttpClient client = Http.client();
    URI uri = URI.create(createUrl);
    LatencyResult http;
    try {
      http =
          OpenLoop.run(
              config,
              seq -> {
                HttpResponse<Void> r =
                    client.send(
                        Http.postJson(uri, Projects.createBody(Projects.key(prefix, seq)), headers),
                        HttpResponse.BodyHandlers.discarding());
                long now = System.nanoTime();
                if (r.statusCode() == 201) {
                  String location = r.headers().firstValue("location").orElseThrow();
                  String id = location.substring(location.lastIndexOf('/') + 1);
                  Track t = tracks.computeIfAbsent(id, k -> new Track());
                  t.measured = seq >= firstMeasured;
                  t.createdNanos = now;
                }
                return r.statusCode();
              });
      // wait for the stragglers
      long deadline = System.nanoTime() + settle.toNanos();
      while (System.nanoTime() < deadline && pending(tracks) > 0) {
        Thread.sleep(20);
      }
    } finally {
      observer.stop();
      publications.stopRecording();
    }

    Histogram e2e = OpenLoop.newHistogram();
    List<String> measuredIds = new ArrayList<>();
    Map<String, Long> visibleWall = new ConcurrentHashMap<>();
    long missing = 0;
    long early = 0;
    for (Map.Entry<String, Track> e : tracks.entrySet()) {
      Track t = e.getValue();
      if (!t.measured || t.createdNanos == 0) {
        continue;
      }
      if (t.visibleNanos == 0) {
        missing++;
        continue;
      }
      long d = t.visibleNanos - t.createdNanos;
      if (d < 0) {
        early++; // the notification overtook the client's handling of the 201
      }
      OpenLoop.record(e2e, Math.max(0, d));
      measuredIds.add(e.getKey());
      visibleWall.put(e.getKey(), t.visibleWallMicros);
    }

    Histogram relay = OpenLoop.newHistogram();
    Histogram delivery = OpenLoop.newHistogram();
    long unpublished = 0;
    try {
      for (PublicationLog.Published p : publications.read(measuredIds)) {
        OpenLoop.record(relay, (p.publishedMicros() - p.createdMicros()) * 1000);
        Long seen = visibleWall.get(p.projectId());
        if (seen != null && seen > 0) {
          OpenLoop.record(delivery, Math.max(0, seen - p.publishedMicros()) * 1000);
        }
      }
      unpublished = measuredIds.size() - relay.getTotalCount();
    } finally {
      publications.close();
    }

    http.print(out, "creates");
    out.printf(
        Locale.ROOT,
        "event latency, HTTP 201 -> visible in %s.project_ref (%s): %d events, %d missing;"
            + " p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms%n",
        readDb,
        observe,
        e2e.getTotalCount(),
        missing,
        LatencyResult.ms(e2e, 50),
        LatencyResult.ms(e2e, 90),
        LatencyResult.ms(e2e, 99),
        LatencyResult.ms(e2e, 99.9),
        LatencyResult.fmt(e2e.getMaxValue() / 1000d));
    out.printf(
        Locale.ROOT,
        "  outbox relay (created -> publication committed): p50 %s  p99 %s ms; publish -> visible: p50 %s"
            + "  p99 %s ms%n",
        LatencyResult.ms(relay, 50),
        LatencyResult.ms(relay, 99),
        LatencyResult.ms(delivery, 50),
        LatencyResult.ms(delivery, 99));

    String file = a.string("out", null);
    if (file != null) {
      Properties props = new Properties();
      http.putInto(props, "http.");
      props.setProperty("observe", observe);
      props.setProperty("read_db", readDb);
      props.setProperty("events", String.valueOf(e2e.getTotalCount()));
      props.setProperty("missing", String.valueOf(missing));
      props.setProperty("early", String.valueOf(early));
      props.setProperty("unpublished", String.valueOf(unpublished));
      put(props, "e2e", e2e);
      put(props, "relay", relay);
      put(props, "delivery", delivery);
      LatencyResult.store(props, Path.of(file));
    }
  }

  static void put(Properties props, String name, Histogram h) {
    props.setProperty(name + ".count", String.valueOf(h.getTotalCount()));
    for (double p : LatencyResult.PERCENTILES) {
      props.setProperty(
          name + "." + LatencyResult.pkey(p) + "_ms",
          LatencyResult.fmt(h.getValueAtPercentile(p) / 1000d));
    }
    props.setProperty(name + ".max_ms", LatencyResult.fmt(h.getMaxValue() / 1000d));
    props.setProperty(name + ".mean_ms", LatencyResult.fmt(h.getMean() / 1000d));
  }

  private static long pending(Map<String, Track> tracks) {
    return tracks.values().stream()
        .filter(t -> t.measured && t.createdNanos != 0 && t.visibleNanos == 0)
        .count();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  static void seen(Map<String, Track> tracks, String id) {
    long now = System.nanoTime();
    Instant wall = Instant.now();
    Track t = tracks.computeIfAbsent(id, k -> new Track());
    if (t.visibleNanos == 0) {
      t.visibleWallMicros =
          TimeUnit.SECONDS.toMicros(wall.getEpochSecond()) + wall.getNano() / 1000;
      t.visibleNanos = now;
    }
  }

  interface Observer {
    void start() throws Exception;

    void stop() throws Exception;
  }

  /**
   * Records when each created event left the outbox: a constraint trigger deferred to the commit of
   * the relay's transaction (which deletes the rows it published, once the broker acknowledged
   * them) copies the row's {@code created_at} and the commit's clock into {@code
   * bench_outbox_published}.
   */
  static final class PublicationLog implements AutoCloseable {
    record Published(String projectId, long createdMicros, long publishedMicros) {}

    private final Connection conn;

    PublicationLog(String url, String user, String password) throws Exception {
      conn = DriverManager.getConnection(url, user, password);
    }

    void start() throws Exception {
      try (Statement s = conn.createStatement()) {
        s.execute("drop table if exists bench_outbox_published");
        s.execute(
            "create table bench_outbox_published (event_key text, created_at timestamptz,"
                + " published_at timestamptz)");
        s.execute(
            "create or replace function bench_outbox_published() returns trigger"
                + " language plpgsql as $$ begin"
                + " if old.event_type = 'tollgate.project.created.v1' then"
                + " insert into bench_outbox_published"
                + " values (old.event_key, old.created_at, clock_timestamp()); end if;"
                + " return old; end $$");
        s.execute("drop trigger if exists bench_outbox_published on outbox_event");
        s.execute(
            "create constraint trigger bench_outbox_published after delete on outbox_event"
                + " deferrable initially deferred"
                + " for each row execute function bench_outbox_published()");
      }
    }

    void stopRecording() throws Exception {
      try (Statement s = conn.createStatement()) {
        s.execute("drop trigger if exists bench_outbox_published on outbox_event");
        s.execute("drop function if exists bench_outbox_published()");
      }
    }

    List<Published> read(List<String> projectIds) throws Exception {
      List<Published> rows = new ArrayList<>();
      try (PreparedStatement ps =
          conn.prepareStatement(
              "select event_key, (extract(epoch from created_at) * 1000000)::bigint,"
                  + " (extract(epoch from published_at) * 1000000)::bigint"
                  + " from bench_outbox_published where event_key = any(?)")) {
        Array arr = conn.createArrayOf("varchar", projectIds.toArray());
        ps.setArray(1, arr);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new Published(rs.getString(1), rs.getLong(2), rs.getLong(3)));
          }
        }
      }
      return rows;
    }

    @Override
    public void close() throws Exception {
      try (Statement s = conn.createStatement()) {
        s.execute("drop table if exists bench_outbox_published");
      } finally {
        conn.close();
      }
    }
  }

  /** Notified by a trigger on the read model, at the consumer's commit. */
  static final class Listener implements Observer {
    private final String url;
    private final String user;
    private final String password;
    private final Map<String, Track> tracks;
    private volatile boolean running = true;
    private Connection conn;
    private Thread thread;

    Listener(String url, String user, String password, Map<String, Track> tracks) {
      this.url = url;
      this.user = user;
      this.password = password;
      this.tracks = tracks;
    }

    @Override
    public void start() throws Exception {
      conn = DriverManager.getConnection(url, user, password);
      try (Statement s = conn.createStatement()) {
        s.execute(
            "create or replace function bench_project_ref_notify() returns trigger"
                + " language plpgsql as $$ begin perform pg_notify('"
                + CHANNEL
                + "', new.project_id::text); return new; end $$");
        s.execute(
            "create or replace trigger bench_project_ref_notify after insert on project_ref"
                + " for each row execute function bench_project_ref_notify()");
        s.execute("listen " + CHANNEL);
      }
      PGConnection pg = conn.unwrap(PGConnection.class);
      thread =
          new Thread(
              () -> {
                while (running) {
                  try {
                    PGNotification[] ns = pg.getNotifications(100);
                    if (ns != null) {
                      for (PGNotification n : ns) {
                        seen(tracks, n.getParameter());
                      }
                    }
                  } catch (Exception e) {
                    if (running) {
                      System.err.println("listener failed: " + e);
                    }
                    return;
                  }
                }
              },
              "read-model-listener");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void stop() throws Exception {
      running = false;
      thread.join(2000);
      try (Statement s = conn.createStatement()) {
        s.execute("unlisten *");
        s.execute("drop trigger if exists bench_project_ref_notify on project_ref");
        s.execute("drop function if exists bench_project_ref_notify()");
      } finally {
        conn.close();
      }
    }
  }

  /** Polls the read model every millisecond for the ids still waiting. */
  static final class Poller implements Observer {
    private final String url;
    private final String user;
    private final String password;
    private final Map<String, Track> tracks;
    private volatile boolean running = true;
    private Thread thread;

    Poller(String url, String user, String password, Map<String, Track> tracks) {
      this.url = url;
      this.user = user;
      this.password = password;
      this.tracks = tracks;
    }

    @Override
    public void start() throws Exception {
      Connection conn = DriverManager.getConnection(url, user, password);
      PreparedStatement ps =
          conn.prepareStatement(
              "select project_id::text from project_ref where project_id = any(?::uuid[])");
      thread =
          new Thread(
              () -> {
                try (conn;
                    ps) {
                  while (running) {
                    List<String> waiting = new ArrayList<>();
                    tracks.forEach(
                        (id, t) -> {
                          if (t.createdNanos != 0 && t.visibleNanos == 0) {
                            waiting.add(id);
                          }
                        });
                    if (!waiting.isEmpty()) {
                      ps.setArray(1, conn.createArrayOf("varchar", waiting.toArray()));
                      try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                          seen(tracks, rs.getString(1));
                        }
                      }
                    }
                    Thread.sleep(1);
                  }
                } catch (Exception e) {
                  if (running) {
                    System.err.println("poller failed: " + e);
                  }
                }
              },
              "read-model-poller");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void stop() throws Exception {
      running = false;
      thread.join(2000);
    }
  }
}
