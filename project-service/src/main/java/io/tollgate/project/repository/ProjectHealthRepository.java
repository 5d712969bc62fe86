package io.tollgate.project.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.tollgate.project.model.ProjectHealth;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ProjectHealthRepository implements PanacheRepositoryBase<ProjectHealth, UUID> {}
