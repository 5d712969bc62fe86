package io.tollgate.gateway.docs;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.impl.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /q/swagger-ui/} on the gateway: Swagger UI on the merged document of {@link
 * ApiDocumentRoute}, so that a frontend team browses and tries the whole API where it calls it,
 * bearer token included ("Authorize"). The page is the gateway's own; its scripts and styles are
 * SmallRye's build of Swagger UI (the one Quarkus serves on each service), which the build copies
 * into {@code tollgate/swagger-ui} on the class path.
 */
@ApplicationScoped
public class SwaggerUiRoute {

  static final String PATH = "/q/swagger-ui";
  private static final String ASSETS = "tollgate/swagger-ui";
  private static final String CHARSET = "UTF-8";

  void install(@Observes Router router) {
    String page = page();
    // Vert.x matches a path with and without its trailing slash; the page's relative links need it
    router
        .route(PATH)
        .handler(ReadOnlyDocuments::check)
        .handler(
            rc -> {
              if (!rc.request().path().endsWith("/")) {
                rc.redirect(PATH + "/");
                return;
              }
              rc.response()
                  .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8")
                  .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                  .end(page);
            });
    router
        .route(PATH + "/*")
        .handler(ReadOnlyDocuments::check)
        .handler(SwaggerUiRoute::typeOfHead)
        .handler(StaticHandler.create(ASSETS).setDefaultContentEncoding(CHARSET));
  }

  /**
   * The static handler answers HEAD without the Content-Type its GET has; a HEAD is to tell what a
   * GET would get (RFC 9110 section 9.3.2), so it is added as the handler writes it for a GET.
   */
  private static void typeOfHead(RoutingContext rc) {
    if (rc.request().method() == HttpMethod.HEAD) {
      String type = MimeMapping.getMimeTypeForFilename(rc.normalizedPath());
      if (type != null) {
        rc.addHeadersEndHandler(
            v -> {
              if (rc.response().getStatusCode() == 200
                  && !rc.response().headers().contains(HttpHeaders.CONTENT_TYPE)) {
                rc.response()
                    .putHeader(
                        HttpHeaders.CONTENT_TYPE,
                        type.startsWith("text") ? type + ";charset=" + CHARSET : type);
              }
            });
      }
    }
    rc.next();
  }

  private static String page() {
    try (InputStream in =
        SwaggerUiRoute.class.getResourceAsStream("/META-INF/tollgate/swagger-ui.html")) {
      if (in == null) {
        throw new IllegalStateException("META-INF/tollgate/swagger-ui.html is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{document}}", ApiDocumentRoute.PATH);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
