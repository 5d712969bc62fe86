package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.tollgate.project.model.GateRule;
import io.tollgate.project.model.Methodology;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class GateRuleRepository implements PanacheRepositoryBase<GateRule, String> {

  public List<GateRule> of(Methodology methodology) {
    return list("methodology", Sort.by("position").and("id"), methodology);
  }

  /** The rules of one methodology, or of all when {@code methodology} is null. */
  public Page<GateRule> search(Methodology methodology, PageRequest request) {
    Sort order = Sort.by("methodology").and("position").and("id");
    var query = methodology == null ? findAll(order) : find("methodology", order, methodology);
    return Page.of(query.page(request.page(), request.size()).list(), request, query.count());
  }
}
