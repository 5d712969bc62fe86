package io.tollgate.gateway.proxy;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import io.quarkus.micrometer.runtime.binder.HttpBinderConfiguration;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps a route prefix's own {@code uri} tag ({@code /api/v1/milestones}) on its 404s and
 * redirects. Quarkus tags those NOT_FOUND (REDIRECTION) unless a match pattern changed the path, so
 * that paths no pattern names cannot fill the tags; but a prefix's pattern maps it to itself
 * ({@code /api/v1/milestones=/api/v1/milestones}, in {@code application.properties}), so a
 * service's 404 there (no operation on it yet, say) was counted with every unknown path. The tag is
 * only ever a pattern's value, as Quarkus would have set it: the tags stay bounded.
 */
@Singleton
public class RoutePrefixUriTag implements HttpServerMetricsTagsContributor {

  // Quarkus matches the path without its trailing slashes
  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

  private final Map<Pattern, String> matchPatterns;

  RoutePrefixUriTag(HttpBinderConfiguration http) {
    this.matchPatterns = http.getServerMatchPatterns();
  }

  @Override
  public Tags contribute(Context context) {
    int status = context.response().statusCode();
    if (status != 404 && status / 100 != 3) {
      return Tags.empty();
    }
    String path = TRAILING_SLASHES.matcher(context.request().path()).replaceAll("");
    // the first pattern that matches is the one Quarkus applied
    for (Map.Entry<Pattern, String> pattern : matchPatterns.entrySet()) {
      if (pattern.getKey().matcher(path).matches()) {
        return pattern.getValue().equals(path) ? Tags.of("uri", path) : Tags.empty();
      }
    }
    return Tags.empty();
  }
}
