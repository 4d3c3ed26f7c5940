package dev.tollgate.payments.infrastructure.tomcat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.interceptor.InvocationContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The boundaries a {@code @Transactional} service gets on Tomcat, as the CDI container calls it (through
 * {@link ResourceLocalTransactionInterceptor}), on a real H2 pool: the EJB container's rules, which Payara and WildFly
 * apply to the same classes, and every connection back in the pool afterwards, whatever happened.
 */
class ResourceLocalTransactionInterceptorTest {

    @RegisterExtension
    final TransactionsOnH2 db = new TransactionsOnH2();
    private final ResourceLocalTransactionInterceptor interceptor = new ResourceLocalTransactionInterceptor();

    @BeforeEach
    void wire() {
        interceptor.transactions = db.transactions;
    }

    @Test
    void aMethodThatReturnsIsCommittedAndItsResultHandedBack() throws Exception {
        assertEquals(1, serviceCall(() -> db.insertItem(1)));
        assertEquals(List.of(1), db.committedItems());
    }

    @Test
    void aRuntimeExceptionRollsEverythingBackAndReachesTheCallerAsThrown() {
        assertEquals(List.of(), committedAfterAMethodThrowing(new IllegalStateException("handler failed")));
    }

    /**
     * Payara and WildFly run these classes as EJBs, which commit when a method throws a checked exception (an
     * application exception); {@code @Transactional}'s default is the same. Tomcat must not differ.
     */
    @Test
    void aCheckedExceptionIsAnAnswerAndCommitsAsOnTheEjbContainers() {
        assertEquals(List.of(1), committedAfterAMethodThrowing(new IOException("a declared outcome, not a failure")));
    }

    /** What a method that writes item 1 and then throws {@code thrown} leaves committed; its caller gets it as is. */
    private List<Integer> committedAfterAMethodThrowing(Exception thrown) {
        assertSame(thrown, assertThrows(thrown.getClass(), () -> serviceCall(() -> {
            db.insertItem(1);
            throw thrown;
        })));
        return db.committedItems();
    }

    @Test
    void aNestedCallJoinsTheOuterTransactionOnOneConnection() throws Exception {
        serviceCall(() -> {
            db.insertItem(1);
            serviceCall(() -> {
                assertEquals(1, db.lentConnections(), "one connection for both calls");
                return db.insertItem(2);
            });
            assertEquals(List.of(), db.committedItems(), "the inner call did not commit on its own");
            return null;
        });
        assertEquals(List.of(1, 2), db.committedItems());
    }

    @Test
    void aFailingNestedCallRollsBackTheOuterWorkToo() {
        assertThrows(IllegalStateException.class, () -> serviceCall(() -> {
            db.insertItem(1);
            return serviceCall(() -> {
                db.insertItem(2);
                throw new IllegalStateException("the inner call fails");
            });
        }));
        assertEquals(List.of(), db.committedItems());
    }

    /**
     * An EJB container marks the transaction rollback-only when a nested call fails, and so does a JTA
     * {@code @Transactional} interceptor: an outer method that catches the failure cannot commit the half of the
     * work the inner one did before failing.
     */
    @Test
    void aNestedFailureTheOuterCallCatchesStillRollsBackEverything() {
        RollbackException rolledBack = assertThrows(RollbackException.class,
                () -> catchingAFailedInnerCall(() -> db.insertItem(3)));
        assertEquals("the inner call fails half-way", rolledBack.getCause().getMessage());
        assertEquals(List.of(), db.committedItems());
    }

    @Test
    void aNestedFailureCaughtAndAnsweredWithACheckedExceptionStillRollsBackEverything() {
        IOException answer = new IOException("the outer call's declared outcome");
        RollbackException rolledBack = assertThrows(RollbackException.class,
                () -> catchingAFailedInnerCall(() -> {
                    throw answer;
                }));
        assertArrayEquals(new Throwable[] {answer}, rolledBack.getSuppressed(), "the answer is not lost");
        assertEquals(List.of(), db.committedItems());
    }

    /** An outer call that writes, calls an inner one that writes and fails, catches that, then runs {@code then}. */
    private Object catchingAFailedInnerCall(Callable<?> then) throws Exception {
        return serviceCall(() -> {
            db.insertItem(1);
            try {
                serviceCall(() -> {
                    db.insertItem(2);
                    throw new IllegalStateException("the inner call fails half-way");
                });
            } catch (IllegalStateException caught) {
                return then.call();
            }
            throw new AssertionError("the inner call returned");
        });
    }

    /** The flush at commit meets the ledger's unique source key: a real failed commit, after the method returned. */
    @Test
    void aCommitThatFailsSurfacesRollsBackAndGivesTheConnectionBack() throws Exception {
        serviceCall(() -> {
            db.persistCredit("cs_1");
            return null;
        });
        assertThrows(PersistenceException.class, () -> serviceCall(() -> {
            db.insertItem(1);
            db.persistCredit("cs_1");
            return "returned before the commit";
        }));
        assertEquals(List.of(), db.committedItems(), "the statement went with the entity");
        assertEquals(List.of("cs_1"), db.committedCredits());
    }

    @Test
    void aCommitThatFailsAfterACheckedExceptionSurfacesInsteadOfIt() {
        IOException answer = new IOException("a declared outcome");
        db.refuseCommits();
        PersistenceException failed = assertThrows(PersistenceException.class, () -> serviceCall(() -> {
            db.insertItem(1);
            throw answer;
        }));
        assertArrayEquals(new Throwable[] {answer}, failed.getSuppressed());
        assertEquals(List.of(), db.committedItems(), "nothing committed on the way back to the pool either");
    }

    /**
     * A {@code NOT_SUPPORTED} method called from a service's transaction runs as the EJB container runs it: without
     * that transaction, its statement committed on its own, whatever becomes of the caller's.
     */
    @Test
    void aMethodWithoutTransactionCommitsItsStatementWhateverTheCallersTransactionDoes() throws Exception {
        NoTransactionInterceptor withoutTransaction = new NoTransactionInterceptor();
        withoutTransaction.transactions = db.transactions;
        assertThrows(IllegalStateException.class, () -> serviceCall(() -> {
            db.insertItem(1);
            withoutTransaction.withoutTransaction(new Invocation(() -> db.insertItem(2)));
            assertEquals(List.of(2), db.committedItems(), "committed before the caller's transaction ends");
            throw new IllegalStateException("the caller fails afterwards");
        }));
        assertEquals(List.of(2), db.committedItems());
        assertEquals(1, withoutTransaction.withoutTransaction(new Invocation(() -> db.insertItem(3))),
                "and with no transaction around it, the same");
        assertEquals(List.of(2, 3), db.committedItems());
    }

    /** A call of a {@code @Transactional} service's method as the CDI container makes it: through the interceptor. */
    @SuppressWarnings("unchecked")
    private <T> T serviceCall(Callable<T> method) throws Exception {
        return (T) interceptor.inTransaction(new Invocation(method));
    }

    /** The container's side of one intercepted call: {@link #proceed()} runs the method. */
    private record Invocation(Callable<?> method) implements InvocationContext {

        @Override public Object proceed() throws Exception { return method.call(); }
        @Override public Object getTarget() { return null; }
        @Override public Object getTimer() { return null; }
        @Override public Method getMethod() { return null; }
        @Override public Constructor<?> getConstructor() { return null; }
        @Override public Object[] getParameters() { return new Object[0]; }
        @Override public void setParameters(Object[] params) { }
        @Override public Map<String, Object> getContextData() { return new HashMap<>(); }
    }
}
