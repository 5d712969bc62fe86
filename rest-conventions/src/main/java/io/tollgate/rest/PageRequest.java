package io.tollgate.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code page} and {@code size} query parameters of a list endpoint, checked. */
public record PageRequest(int page, int size) {

  public static final int MAX_SIZE = 200;

  public PageRequest {
    List<Problem.Violation> violations = new ArrayList<>();
    if (page < 0) {
      violations.add(new Problem.Violation("page", "must be 0 or more"));
    }
    if (size < 1 || size > MAX_SIZE) {
      violations.add(new Problem.Violation("size", "must be between 1 and " + MAX_SIZE));
    } else if ((long) page * size > Integer.MAX_VALUE) {
      // the offset of the first row is an int for Hibernate
      violations.add(new Problem.Violation("page", "must be at most " + Integer.MAX_VALUE / size));
    }
    if (!violations.isEmpty()) {
      throw ProblemException.invalid(violations);
    }
  }

  /**
   * Bean-param form for resources: {@code @BeanParam PageRequest.Params paging}. Read as text, so
   * that {@code ?page=abc} is a 400 naming the parameter rather than JAX-RS's bare 404.
   */
  public static class Params {
    @QueryParam("page")
    @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0", defaultValue = "0")
    public String page;

    @QueryParam("size")
    @Schema(
        type = SchemaType.INTEGER,
        format = "int32",
        minimum = "1",
        maximum = "" + MAX_SIZE,
        defaultValue = "20")
    public String size;

    public PageRequest toRequest() {
      return new PageRequest(
          QueryValues.wholeNumber("page", page, 0), QueryValues.wholeNumber("size", size, 20));
    }
  }

  public int offset() {
    return page * size;
  }

  /** A 200 response with the page and RFC 8288 {@code Link} headers to its neighbours. */
  public static Response respond(Page<?> page, UriInfo uri) {
    return respond(page, uri.getRequestUriBuilder());
  }

  /**
   * A 200 response with a page of a newest-first list whose {@code Link} headers carry the pin it
   * was read under as {@code parameter}, so that the next requests read the same list.
   */
  public static Response respondPinned(PinnedPage<?> pinned, UriInfo uri, String parameter) {
    UriBuilder links = uri.getRequestUriBuilder();
    if (pinned.pin() != null) {
      links.replaceQueryParam(parameter, pinned.pin());
    }
    return respond(pinned.page(), links);
  }

  private static Response respond(Page<?> page, UriBuilder links) {
    Response.ResponseBuilder builder = Response.ok(page);
    if (page.hasNext()) {
      builder.links(link(links, page.page() + 1, page.size(), "next"));
    }
    if (page.page() > 0) {
      // from past the end, back to the last page that has items (or the first, of an empty list),
      // not to the page before this one, which is as empty
      int previous = Math.max(0, Math.min(page.page() - 1, page.totalPages() - 1));
      builder.links(link(links, previous, page.size(), "prev"));
    }
    return builder.build();
  }

  private static Link link(UriBuilder links, int page, int size, String rel) {
    return Link.fromUri(
            links.clone().replaceQueryParam("page", page).replaceQueryParam("size", size).build())
        .rel(rel)
        .build();
  }
}
