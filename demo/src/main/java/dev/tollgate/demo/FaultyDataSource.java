package dev.tollgate.demo;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that fails a share of the work given to it, the way a database under trouble does: a statement's
 * execution or a commit throws an {@link SQLException} (SQLState {@code 08006}, the connection failed) before it
 * reaches the database, so nothing of it is applied. The share can be changed while the application runs (chaos
 * tests lower it to 0 before they check the outcome); at 0 it passes everything through.
 *
 * <p>Only what the application asks of its connections fails; the pool beneath, Flyway's migration at start (when
 * the share is still 0) and a {@link Connection#unwrap} caller see the real database.
 *
 * <p>A share applies to the connections taken after it is set: one taken while the share is 0 is the pool's own,
 * with no proxy in front of it, so that a run without faults (the webhook benchmark, every ordinary scenario)
 * pays nothing for this class (the proxies cost a reflective call for each JDBC call). The payments WAR takes a
 * connection per transaction, so a share set during a run reaches the next transactions.
 */
public final class FaultyDataSource implements DataSource {

    /** The SQLState of a connection failure: what a dropped network or a restarting server reports. */
    static final String CONNECTION_FAILURE = "08006";
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeBatch", "executeLargeUpdate", "executeLargeBatch");

    private final DataSource database;
    private final SplittableRandom dice;
    private final AtomicLong injected = new AtomicLong();
    private volatile double share;

    /** @param seed makes which calls fail reproducible for one sequence of calls */
    public FaultyDataSource(DataSource database, long seed) {
        this.database = database;
        this.dice = new SplittableRandom(seed);
    }

    /**
     * From now on, {@code value} (0 to 1) of the statement executions and commits fail on connections taken from
     * now on, and on those taken earlier while the share was above 0.
     */
    public void failShare(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("a share of faults is between 0 and 1, not " + value);
        }
        share = value;
    }

    /** How many faults were injected so far. */
    public long injected() {
        return injected.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return faultyWhileFailing(database.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return faultyWhileFailing(database.getConnection(username, password));
    }

    private Connection faultyWhileFailing(Connection connection) {
        return share > 0 ? faulty(connection) : connection;
    }

    private Connection faulty(Connection connection) {
        return proxy(Connection.class, connection, (proxy, method, args) -> {
            if (method.getName().equals("commit")) {
                maybeFail("commit");
            }
            Object result = call(connection, method, args);
            if (result instanceof CallableStatement statement) {
                return faulty(CallableStatement.class, statement);
            }
            if (result instanceof PreparedStatement statement) {
                return faulty(PreparedStatement.class, statement);
            }
            if (result instanceof Statement statement) {
                return faulty(Statement.class, statement);
            }
            return result;
        });
    }

    private <S extends Statement> S faulty(Class<S> kind, S statement) {
        return proxy(kind, statement, (proxy, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                maybeFail(method.getName());
            }
            return call(statement, method, args);
        });
    }

    private void maybeFail(String what) throws SQLException {
        double now = share;
        boolean fails;
        synchronized (dice) {
            fails = now > 0 && dice.nextDouble() < now;
        }
        if (fails) {
            injected.incrementAndGet();
            throw new SQLTransientConnectionException("injected database fault at " + what, CONNECTION_FAILURE);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }

    /** A proxy of {@code kind} that is equal only to itself, as the object it stands for is. */
    private static <T> T proxy(Class<T> kind, T target, InvocationHandler handler) {
        InvocationHandler identity = (proxy, method, args) -> switch (method.getName()) {
            case "equals" -> args != null && args.length == 1 && proxy == args[0];
            case "hashCode" -> method.getParameterCount() == 0 ? System.identityHashCode(proxy)
                    : handler.invoke(proxy, method, args);
            case "toString" -> method.getParameterCount() == 0 ? "faulty " + target
                    : handler.invoke(proxy, method, args);
            default -> handler.invoke(proxy, method, args);
        };
        return kind.cast(Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {kind},
                identity));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("dev.tollgate.demo");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : database.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || database.isWrapperFor(iface);
    }
}
