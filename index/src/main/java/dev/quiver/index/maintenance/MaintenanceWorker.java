package dev.quiver.index.maintenance;

import dev.quiver.index.ivf.IvfIndex;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The background maintenance of one index: a daemon thread that runs a pass of the index's policy every
 * {@code intervalMillis} when anything was written or searched since the last pass, and at once after
 * {@code writesPerPass} writes. Searches never wait for it (the engine publishes each change atomically); a failed
 * pass is logged and the next one runs as usual.
 */
public final class MaintenanceWorker implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(MaintenanceWorker.class.getName());

  private final String name;
  private final Supplier<IvfIndex> index;
  private final Consumer<List<MaintenanceAction>> listener;
  private final Params params;
  private final ScheduledExecutorService thread;
  private final AtomicBoolean passQueued = new AtomicBoolean();
  private volatile MaintenancePolicy policy;
  private IvfIndex lastIndex;
  private long lastMutations = -1;
  private long lastQueries = -1;
  private long writesSincePass;

  /**
   * When passes run.
   *
   * @param intervalMillis time between checks for work, ≥ 10 ms; 0 runs no pass in the background (only
   *     {@link #runNow}: an operator who wants maintenance at chosen times)
   * @param writesPerPass writes after which a pass is started without waiting for the interval, ≥ 1
   */
  public record Params(long intervalMillis, int writesPerPass) {
    /** One check a second, or after 10,000 writes. */
    public static final Params DEFAULT = new Params(1_000, 10_000);

    /** Validates every field. */
    public Params {
      if (intervalMillis != 0 && intervalMillis < 10) {
        throw new IllegalArgumentException("intervalMillis: must be 0 (no background passes) or at least 10, was "
            + intervalMillis);
      }
      if (writesPerPass < 1) {
        throw new IllegalArgumentException("writesPerPass: must be at least 1, was " + writesPerPass);
      }
    }
  }

  /**
   * Starts maintaining the index {@code index} supplies (it may be replaced, e.g. by a rebuild elsewhere; null means
   * none yet), named {@code name} in logs, with {@code policy}; {@code listener} hears every non-empty pass.
   */
  public MaintenanceWorker(String name, Supplier<IvfIndex> index, MaintenancePolicy policy, Params params,
      Consumer<List<MaintenanceAction>> listener) {
    this.name = name;
    this.index = Objects.requireNonNull(index, "index");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.params = Objects.requireNonNull(params, "params");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread t = new Thread(task, "quiver-maintenance-" + name);
      t.setDaemon(true);
      return t;
    });
    if (params.intervalMillis() > 0) {
      thread.scheduleWithFixedDelay(this::passIfActive, params.intervalMillis(), params.intervalMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /** When passes run. */
  public Params params() {
    return params;
  }

  /** The policy in use. */
  public MaintenancePolicy policy() {
    return policy;
  }

  /** Replaces the policy; the next pass uses it. */
  public void setPolicy(MaintenancePolicy value) {
    policy = Objects.requireNonNull(value, "policy");
  }

  /** Counts {@code rows} writes; after {@code writesPerPass} of them a pass is queued at once. */
  public void wrote(int rows) {
    if (params.intervalMillis() == 0) {
      return;
    }
    boolean due;
    synchronized (this) {
      writesSincePass += rows;
      due = writesSincePass >= params.writesPerPass();
    }
    if (due && passQueued.compareAndSet(false, true)) {
      thread.execute(() -> {
        passQueued.set(false);
        passIfActive();
      });
    }
  }

  /** Runs one pass now, on the calling thread (waiting for a running one), and returns what it did. */
  public List<MaintenanceAction> runNow() {
    IvfIndex current = index.get();
    if (current == null) {
      return List.of();
    }
    return pass(current);
  }

  private void passIfActive() {
    try {
      IvfIndex current = index.get();
      if (current == null) {
        return;
      }
      boolean active;
      synchronized (this) {
        active = current != lastIndex || current.mutations() != lastMutations || current.queries() != lastQueries;
      }
      if (active) {
        pass(current);
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.WARNING, "a maintenance pass over " + name + " failed; the index is unchanged by it and the"
          + " next pass runs as usual", e);
    }
  }

  private List<MaintenanceAction> pass(IvfIndex current) {
    List<MaintenanceAction> actions = MaintenancePasses.run(current, policy);
    synchronized (this) {
      lastIndex = current;
      lastMutations = current.mutations();
      lastQueries = current.queries();
      writesSincePass = 0;
    }
    if (!actions.isEmpty()) {
      listener.accept(actions);
    }
    return actions;
  }

  /** Stops the worker; a running pass finishes first (within the call's wait of 10 s). */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
