package io.tollgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --name value} and {@code --flag} options; everything after {@code --} stays positional.
 */
final class Args {

  private final Map<String, List<String>> options = new HashMap<>();
  private final List<String> rest = new ArrayList<>();

  Args(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        for (int j = i + 1; j < args.length; j++) {
          rest.add(args[j]);
        }
        return;
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String name = a.substring(2);
      String value = "true";
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      }
      options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  String string(String name, String fallback) {
    List<String> v = options.get(name);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  String required(String name) {
    String v = string(name, null);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  int integer(String name, int fallback) {
    String v = string(name, null);
    return v == null ? fallback : Integer.parseInt(v);
  }

  double number(String name, double fallback) {
    String v = string(name, null);
    return v == null ? fallback : Double.parseDouble(v);
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(string(name, "false"));
  }

  Duration duration(String name, String fallback) {
    return parseDuration(string(name, fallback));
  }

  List<String> rest() {
    return rest;
  }

  /** {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 2m}; a bare number is seconds. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    double factorMillis;
    String number;
    if (t.endsWith("ms")) {
      factorMillis = 1;
      number = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      factorMillis = 1000;
      number = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      factorMillis = 60_000;
      number = t.substring(0, t.length() - 1);
    } else {
      factorMillis = 1000;
      number = t;
    }
    return Duration.ofNanos(Math.round(Double.parseDouble(number) * factorMillis * 1_000_000));
  }
}
