package io.tollgate.gateway.docs;

import io.tollgate.gateway.security.SecurityHeaders;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
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

  void install(@Observes Router router) {
    String page = page();
    // Vert.x matches a path with and without its trailing slash; the page's relative links need it
    router
        .get(PATH)
        .handler(
            rc -> {
              SecurityHeaders.addToDocument(rc);
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
        .get(PATH + "/*")
        .handler(
            rc -> {
              SecurityHeaders.addToDocument(rc);
              rc.next();
            })
        .handler(StaticHandler.create(ASSETS).setDefaultContentEncoding("UTF-8"));
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
