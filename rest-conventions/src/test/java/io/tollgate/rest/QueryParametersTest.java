package io.tollgate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

/** What query parameters an operation takes, read from its signature (pure logic, no Quarkus). */
class QueryParametersTest {

  @SuppressWarnings("unused")
  static class Resource {
    public void list(
        @QueryParam("phase") String phase,
        @QueryParam("tag") List<String> tags,
        @QueryParam("id") String[] ids,
        @PathParam("project") String project,
        @BeanParam PageRequest.Params paging) {}

    public void get(@PathParam("id") String id) {}

    public void search(@RestQuery("q") String q, @RestQuery("when") List<String> when) {}
  }

  @Test
  void queryAndBeanParametersAreDeclaredAndCollectionsMayRepeat() throws Exception {
    Method list = method("list");
    assertEquals(
        Map.of("phase", false, "tag", true, "id", true, "page", false, "size", false),
        QueryParameters.declaredBy(list).repeatable());
    assertEquals("id, page, phase, size, tag", QueryParameters.declaredBy(list).names());
  }

  @Test
  void quarkusRestQueryParametersCountToo() {
    assertEquals(
        Map.of("q", false, "when", true),
        QueryParameters.declaredBy(method("search")).repeatable());
  }

  @Test
  void anOperationWithoutQueryParametersTakesNone() throws Exception {
    assertEquals("none", QueryParameters.declaredBy(method("get")).names());
  }

  private static Method method(String name) {
    for (Method m : Resource.class.getDeclaredMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(name);
  }
}
