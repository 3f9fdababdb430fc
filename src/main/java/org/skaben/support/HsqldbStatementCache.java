package org.skaben.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hsqldb.jdbc.JDBCDataSource;

/**
 * HSQLDB connections that keep what they compiled. HSQLDB reuses a compiled statement for the same SQL only
 * while a prepared statement for it is open in the session; the JDBC template closes each one after use, so
 * every packet's INSERT was parsed and compiled again (a quarter of a SUP's time, measured). Each connection
 * keeps one statement per distinct SQL open, up to {@link #MAX_PER_CONNECTION}; they are never executed and
 * close with the connection. A statement compiled before a schema change is compiled again by HSQLDB itself.
 * PostgreSQL's driver caches its statements on its own and does not need this.
 */
public class HsqldbStatementCache extends JDBCDataSource {

    /** Our SQL comes from a fixed set of statements (never built from input); the bound is a safety net. */
    static final int MAX_PER_CONNECTION = 256;

    @Override
    public Connection getConnection() throws SQLException {
        return keepingStatements(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return keepingStatements(super.getConnection(username, password));
    }

    static Connection keepingStatements(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Keeper(connection));
    }

    private static final class Keeper implements InvocationHandler {

        private final Connection connection;
        /** Keyed by the prepareStatement variant and all its arguments: they make different compiled statements. */
        private final Map<List<Object>, PreparedStatement> kept = new HashMap<>();

        Keeper(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            try {
                if (method.getName().equals("prepareStatement") && kept.size() < MAX_PER_CONNECTION) {
                    List<Object> key = new ArrayList<>(args.length + 1);
                    key.add(method);
                    for (Object arg : args) {
                        // a column array (generated keys) by its contents: arrays compare by identity
                        key.add(arg instanceof String[] names ? List.of(names)
                                : arg instanceof int[] indexes ? Arrays.stream(indexes).boxed().toList() : arg);
                    }
                    if (!kept.containsKey(key)) {
                        kept.put(key, (PreparedStatement) method.invoke(connection, args));
                    }
                }
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
