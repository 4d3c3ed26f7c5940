package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class JpaWebhookEventRepository implements WebhookEventRepository {

    @Inject
    EntityManager em;

    @Override
    public Optional<WebhookEvent> find(String eventId) {
        return Optional.ofNullable(em.find(WebhookEvent.class, eventId));
    }

    @Override
    public Optional<WebhookEvent> findForUpdate(String eventId) {
        return Optional.ofNullable(em.find(WebhookEvent.class, eventId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void claim(WebhookEvent event) {
        em.persist(event);
        em.flush();
    }

    @Override
    public long countWithStatus(EventStatus status) {
        return em.createQuery("select count(e) from WebhookEvent e where e.status = :status", Long.class)
                .setParameter("status", status.dbValue()).getSingleResult();
    }
}
