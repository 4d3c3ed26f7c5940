package dev.tollgate.payments.infrastructure.persistence;

/** Wires a repository to a test's transactions, as CDI injects it in a deployment. */
public final class Repositories {

    private Repositories() {
    }

    public static JdbcRenewalCheckRepository wire(JdbcRenewalCheckRepository repository, TransactionalJdbc jdbc) {
        repository.jdbc = jdbc;
        return repository;
    }

    public static JdbcJobLeases wire(JdbcJobLeases leases, TransactionalJdbc jdbc) {
        leases.jdbc = jdbc;
        return leases;
    }

    public static JdbcReconcileRunRepository wire(JdbcReconcileRunRepository repository, TransactionalJdbc jdbc) {
        repository.jdbc = jdbc;
        return repository;
    }

    public static JdbcWebhookAttemptRepository wire(JdbcWebhookAttemptRepository repository, TransactionalJdbc jdbc) {
        repository.jdbc = jdbc;
        return repository;
    }

    public static JdbcWebhookEventRepository wire(JdbcWebhookEventRepository repository, TransactionalJdbc jdbc) {
        repository.jdbc = jdbc;
        return repository;
    }
}
