package dev.vidgen.serve;

import dev.vidgen.core.concurrent.DaemonThreads;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The pages' live-update connections ({@code GET /api/events}): at most {@link Limits#mostOpen} at once, each sent
 * a keep-alive comment every {@link Limits#keepAliveEvery}, so that a connection whose page went away fails a write
 * and is closed and forgotten even while no task changes. Every write to one connection is made one at a time.
 */
final class EventClients implements AutoCloseable {
  /** The comment each connection is sent to keep it alive; a browser's {@code EventSource} passes over it. */
  static final String KEEP_ALIVE = "ping";

  /**
   * How often each connection is written to while nothing else is, and how many may be open at once.
   *
   * @param keepAliveEvery how long between keep-alive comments: a connection whose page went away is let go
   *     within about twice this
   * @param mostOpen the most connections kept open at once; another is refused with 503
   */
  record Limits(Duration keepAliveEvery, int mostOpen) {
    /** A keep-alive every 15 s (a gone page let go within about 30 s), and at most 100 connections at once. */
    static final Limits DEFAULT = new Limits(Duration.ofSeconds(15), 100);

    Limits {
      Objects.requireNonNull(keepAliveEvery, "keepAliveEvery == null");
      if (keepAliveEvery.isNegative() || keepAliveEvery.isZero()) {
        throw new IllegalArgumentException("keepAliveEvery must be positive, was " + keepAliveEvery);
      }
      if (mostOpen < 1) {
        throw new IllegalArgumentException("mostOpen must be at least 1, was " + mostOpen);
      }
    }
  }

  private final Limits limits;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  /** Where events and keep-alives are written, one after another, off the request threads. */
  private final ScheduledExecutorService writes =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("vidgen-serve-push"));

  EventClients(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits == null");
    long every = limits.keepAliveEvery().toMillis();
    writes.scheduleWithFixedDelay(this::keepAlive, every, every, TimeUnit.MILLISECONDS);
  }

  /** Whether as many connections are open as are kept at once, so that another is to be refused. */
  boolean full() {
    return clients.size() >= limits.mostOpen();
  }

  /** How many connections are open now. */
  int open() {
    return clients.size();
  }

  /** How long a connection whose page went away stays open at most: two keep-alives, at least a second. */
  Duration letGoWithin() {
    Duration twice = limits.keepAliveEvery().multipliedBy(2);
    return twice.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : twice;
  }

  /** The most connections kept open at once. */
  int mostOpen() {
    return limits.mostOpen();
  }

  /**
   * Keeps {@code client} open and sends it what follows; false when it came in over the ceiling beside others
   * let in at the same moment, and was closed.
   */
  boolean admit(SseClient client) {
    client.keepAlive();
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    if (clients.size() > limits.mostOpen()) {
      client.close();
      return false;
    }
    return true;
  }

  /** Sends one event to {@code client} now; a write that fails closes it. */
  void send(SseClient client, String event, String data) {
    write(client, () -> client.sendEvent(event, data));
  }

  /** Sends one event to every open connection, on the writing thread. */
  void sendToAll(String event, String data) {
    try {
      writes.execute(() -> clients.forEach(client -> send(client, event, data)));
    } catch (RejectedExecutionException stopped) {
      // Closed: every connection is closed already.
    }
  }

  private void keepAlive() {
    clients.forEach(client -> write(client, () -> client.sendComment(KEEP_ALIVE)));
  }

  /** Makes one write to {@code client}, never beside another; a client it finds gone is closed and forgotten. */
  private void write(SseClient client, Runnable write) {
    synchronized (client) {
      if (client.terminated()) {
        clients.remove(client);
        return;
      }
      try {
        write.run(); // a write that fails with an IOException closes the client itself
      } catch (RuntimeException broken) {
        close(client);
      }
    }
  }

  /** Stops the keep-alives and closes every connection. */
  @Override
  public void close() {
    writes.shutdownNow();
    clients.forEach(this::close);
  }

  private void close(SseClient client) {
    clients.remove(client);
    try {
      client.close();
    } catch (RuntimeException ignored) {
      // Already gone.
    }
  }
}
