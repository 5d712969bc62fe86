package io.tollgate.risk.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.tollgate.rest.Page;
import io.tollgate.rest.PageRequest;
import io.tollgate.risk.model.RiskAssessment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class AssessmentRepository implements PanacheRepositoryBase<RiskAssessment, Long> {

  /** A risk's assessments, oldest first. */
  public Page<RiskAssessment> ofRisk(UUID riskId, PageRequest request) {
    var query = find("riskId = ?1 order by seq", riskId);
    long total = query.count();
    return Page.of(
        query.page(io.quarkus.panache.common.Page.of(request.page(), request.size())).list(),
        request,
        total);
  }
}
