package dev.tollgate.payments.infrastructure.persistence;

import dev.tollgate.payments.application.EventAlreadyClaimedException;
import dev.tollgate.payments.domain.model.EventStatus;
import dev.tollgate.payments.domain.model.WebhookEvent;
import dev.tollgate.payments.domain.service.WebhookEventRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
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
        try {
            em.persist(event);
            em.flush();
        } catch (PersistenceException failure) {
            if (UniqueViolation.isCauseOf(failure)) {
                throw new EventAlreadyClaimedException(event.eventId());
            }
            throw failure;
        }
    }

    @Override
    public long countWithStatus(EventStatus status) {
        return em.createQuery("select count(e) from WebhookEvent e where e.status = :status", Long.class)
                .setParameter("status", status.dbValue()).getSingleResult();
    }
}
