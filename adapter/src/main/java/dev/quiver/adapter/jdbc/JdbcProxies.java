package dev.quiver.adapter.jdbc;

import dev.quiver.functions.FloatVector;
import dev.quiver.functions.SqlUserError;
import dev.quiver.functions.VectorValues;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Set;

/**
 * Wraps Calcite's JDBC objects so that what users see is what they expect of a database: errors carry a SQLSTATE
 * and a remedy ({@link JdbcErrors}), and a vector parameter accepts a {@code float[]}, a {@link java.sql.Array} or
 * its text form (Calcite's own parameter binding would pass those through unconverted and fail at run time).
 */
final class JdbcProxies {

  private static final Set<Class<?>> WRAPPED = Set.of(Statement.class, PreparedStatement.class,
      CallableStatement.class, ResultSet.class);

  /** Marks a call the batch path did not consume. */
  private static final Object NOT_BATCHED = new Object();

  private JdbcProxies() {}

  /** Wraps a connection and, through it, every statement and result set it creates. */
  static Connection connection(Connection delegate) {
    return wrap(Connection.class, delegate);
  }

  private static <T> T wrap(Class<T> type, T delegate, BatchInsert batch) {
    return type.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type},
        new Handler(delegate, batch)));
  }

  private static <T> T wrap(Class<T> type, T delegate) {
    return wrap(type, delegate, null);
  }

  private static final class Handler implements InvocationHandler {
    private final Object delegate;
    /** The batch fast path of a prepared INSERT, or null. */
    private final BatchInsert batch;

    Handler(Object delegate, BatchInsert batch) {
      this.delegate = delegate;
      this.batch = batch;
    }

    /** A prepared statement's parameter types, read once: they are asked for on every execution's setters. */
    private int[] parameterTypes;

    /** The JDBC type of parameter {@code index}, or {@link Types#NULL} if there is no such parameter. */
    private int parameterType(PreparedStatement statement, int index) {
      if (parameterTypes == null) {
        try {
          java.sql.ParameterMetaData metaData = statement.getParameterMetaData();
          int[] types = new int[metaData.getParameterCount()];
          for (int i = 0; i < types.length; i++) {
            types[i] = metaData.getParameterType(i + 1);
          }
          parameterTypes = types;
        } catch (SQLException | RuntimeException e) {
          return Types.NULL;
        }
      }
      return index >= 1 && index <= parameterTypes.length ? parameterTypes[index - 1] : Types.NULL;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> c && c.isInstance(proxy)
          && !c.isInstance(delegate)) {
        return proxy;
      }
      try {
        if (batch != null) {
          Object handled = batched(method, args);
          if (handled != NOT_BATCHED) {
            return handled;
          }
        }
        if (delegate instanceof PreparedStatement statement && args != null && args.length >= 2
            && args[0] instanceof Integer index && method.getName().startsWith("set")) {
          FloatVector vector = vectorParameter(statement, method.getName(), index, args[1]);
          if (vector != null) {
            statement.setObject(index, vector);
            return null;
          }
        }
        Object result = method.invoke(delegate, args);
        Class<?> returned = method.getReturnType();
        if (result != null && WRAPPED.contains(returned)) {
          BatchInsert plan = delegate instanceof java.sql.Connection connection && returned == PreparedStatement.class
              ? BatchInsert.plan((String) args[0], QuiverDriver.session(
                  connection.unwrap(org.apache.calcite.avatica.AvaticaConnection.class)))
              : null;
          return wrapAs(returned, result, plan);
        }
        return result;
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        // AssertionError: Calcite's own checks (with -ea) fire on some invalid statements it fails to reject.
        if (cause instanceof SQLException || cause instanceof RuntimeException || cause instanceof AssertionError) {
          throw JdbcErrors.translate(cause);
        }
        throw cause;
      } catch (SqlUserError e) {
        throw e.toSqlException();
      }
    }

    @SuppressWarnings("unchecked")
    private static Object wrapAs(Class<?> type, Object value, BatchInsert plan) {
      return wrap((Class<Object>) type, value, plan);
    }

    /**
     * Keeps a prepared INSERT's batch to itself: parameters are recorded as they are set (and still passed on, so a
     * single execute works as usual), rows are batched here, and the batch is inserted in one transaction.
     */
    private Object batched(Method method, Object[] args) throws SQLException {
      String name = method.getName();
      switch (name) {
        case "addBatch" -> {
          if (args == null) {
            batch.addBatch();
            return null;
          }
        }
        case "executeBatch" -> {
          return java.util.Arrays.stream(batch.execute()).mapToInt(c -> (int) c).toArray();
        }
        case "executeLargeBatch" -> {
          return batch.execute();
        }
        case "clearBatch" -> {
          batch.clearBatch();
          return null;
        }
        case "clearParameters" -> batch.clearParameters();
        default -> {
          if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
            batch.set(index, name.equals("setNull") ? null : args[1]);
          }
        }
      }
      return NOT_BATCHED;
    }

    /** A vector parameter's value as a {@link FloatVector}, or null if this is not a vector parameter. */
    private FloatVector vectorParameter(PreparedStatement statement, String setter, int index, Object value) {
      boolean vectorForm = value instanceof float[] || value instanceof double[] || value instanceof Array
          || value instanceof List<?>;
      boolean textForm = value instanceof String;
      if (!(vectorForm || textForm) || !setter.matches("setObject|setArray|setString")) {
        return null;
      }
      int type = parameterType(statement, index);
      if (type == Types.NULL) {
        return null; // an index out of range: let the delegate report it
      }
      // A vector column's parameter is ARRAY; a vector function's argument is OTHER (ANY), where text stays text
      // (the function parses it) but arrays become vectors.
      if (type != Types.ARRAY && !(type == Types.OTHER && vectorForm)) {
        return null;
      }
      return new FloatVector(VectorValues.toFloats("parameter " + index, value).clone());
    }
  }
}
