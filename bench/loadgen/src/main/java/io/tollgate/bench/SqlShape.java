package io.tollgate.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the pgbench twin honest: compares the statements of one real create, as PostgreSQL logged
 * them ({@code log_statement=all} for a moment), with the statements of the twin script. Only the
 * shape is compared (verb and table per statement, in order), which is what decides the database's
 * cost; values and column lists are not.
 */
final class SqlShape {

  private SqlShape() {}

  // 2026-11-25 18:10:53.846 UTC [24475] LOG:  execute <unnamed>: select ...
  private static final Pattern LINE =
      Pattern.compile("^\\S+ \\S+ \\S+ \\[(\\d+)\\] LOG:\\s+(?:statement|execute [^:]*):\\s*(.*)$");

  static void main(Args a, PrintStream out) throws Exception {
    List<String> service =
        service(
            Files.readAllLines(Path.of(a.required("log"))),
            a.string("marker", "insert into project "));
    List<String> twin = twin(Files.readString(Path.of(a.required("script"))));
    boolean match = !service.isEmpty() && service.equals(twin);
    out.println("service transaction: " + service);
    out.println("pgbench twin:        " + twin);
    out.println(match ? "same shape" : "DIFFERENT shape: update the twin");
    String file = a.string("out", null);
    if (file != null) {
      Properties p = new Properties();
      p.setProperty("service", String.join(", ", service));
      p.setProperty("twin", String.join(", ", twin));
      p.setProperty("match", String.valueOf(match));
      LatencyResult.store(p, Path.of(file));
    }
  }

  /** The statements of the transaction (on one backend) that contains the marker statement. */
  static List<String> service(List<String> log, String marker) {
    List<String[]> stmts = new ArrayList<>(); // [pid, sql]
    for (String line : log) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        stmts.add(new String[] {m.group(1), m.group(2)});
      } else if (!stmts.isEmpty() && (line.startsWith("\t") || line.startsWith(" "))) {
        String[] last = stmts.get(stmts.size() - 1);
        last[1] = last[1] + " " + line.trim(); // a statement continued on the next line
      }
    }
    for (String[] hit : stmts) {
      if (!hit[1].toLowerCase(Locale.ROOT).startsWith(marker)) {
        continue;
      }
      List<String> mine = new ArrayList<>();
      int at = -1;
      for (String[] st : stmts) {
        if (st[0].equals(hit[0])) {
          if (st == hit) {
            at = mine.size();
          }
          mine.add(st[1]);
        }
      }
      int begin = at;
      while (begin > 0 && !isBegin(mine.get(begin))) {
        begin--;
      }
      List<String> shape = new ArrayList<>();
      for (int k = begin; k < mine.size() && !isCommit(mine.get(k)); k++) {
        String sh = shape(mine.get(k));
        if (sh != null) {
          shape.add(sh);
        }
      }
      return shape;
    }
    return List.of();
  }

  /** The statements of a pgbench script, without its meta-commands and the transaction brackets. */
  static List<String> twin(String script) {
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n")) {
      String t = line.trim();
      if (t.startsWith("--") || t.startsWith("\\")) {
        continue;
      }
      sql.append(line.replace("\\gset", ";")).append('\n');
    }
    List<String> shape = new ArrayList<>();
    for (String stmt : sql.toString().split(";")) {
      String s = shape(stmt);
      if (s != null && !isBegin(stmt) && !isCommit(stmt)) {
        shape.add(s);
      }
    }
    return shape;
  }

  private static final Pattern FROM = Pattern.compile("\\bfrom\\s+(\\w+)");
  private static final Pattern INSERT = Pattern.compile("^insert\\s+into\\s+(\\w+)");
  private static final Pattern UPDATE = Pattern.compile("^update\\s+(\\w+)");
  private static final Pattern DELETE = Pattern.compile("^delete\\s+from\\s+(\\w+)");

  /** {@code select project}, {@code insert outbox_event}, ...; null for no statement. */
  static String shape(String sql) {
    String s = sql.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (s.isEmpty() || isBegin(s) || isCommit(s)) {
      return null;
    }
    Matcher m;
    if ((m = INSERT.matcher(s)).find()) {
      return "insert " + m.group(1);
    }
    if ((m = UPDATE.matcher(s)).find()) {
      return "update " + m.group(1);
    }
    if ((m = DELETE.matcher(s)).find()) {
      return "delete " + m.group(1);
    }
    if (s.startsWith("select") && (m = FROM.matcher(s)).find()) {
      return "select " + m.group(1) + (s.contains(" for update") ? " for update" : "");
    }
    return s.split(" ")[0];
  }

  private static boolean isBegin(String sql) {
    String s = sql.trim().toLowerCase(Locale.ROOT);
    return s.equals("begin") || s.startsWith("begin ") || s.equals("start transaction");
  }

  private static boolean isCommit(String sql) {
    String s = sql.trim().toLowerCase(Locale.ROOT);
    return s.equals("commit") || s.equals("end") || s.equals("rollback");
  }
}
