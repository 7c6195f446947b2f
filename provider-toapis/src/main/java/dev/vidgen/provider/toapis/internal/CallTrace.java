package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * What happened to one call on the wire: whether the request left (a connection was made and
 * sending began) and whether a response head came back. It tells a connection that failed before
 * sending (always safe to repeat) from a request sent but not answered (ambiguous for a create).
 * Attached to the request as a tag; filled in by {@link #networkInterceptor()}.
 */
public final class CallTrace {
  private static final int WAITING = 0;
  private static final int LEAVING = 1;
  private static final int HELD_BACK = 2;

  /** Whether the request may still leave, has begun to, or was held back before it did. */
  private final java.util.concurrent.atomic.AtomicInteger departure = new java.util.concurrent.atomic.AtomicInteger();
  private volatile boolean sent;
  /** Whether the request's body began to go out and has not gone out whole (yet). */
  private volatile boolean sendingBody;
  private volatile int status;
  private volatile Headers headers;
  /** Asked once the call starts, before it connects: it goes on once the returned stage completes. */
  private volatile java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<?>> beforeLeaving;

  /** The {@code host:port} the call is for (its URL's, not a proxy's), once it began to connect; else null. */
  private volatile String target;
  /** The proxy the call's connection goes through, as {@code host:port (where it is set)}, or null for none. */
  private volatile String proxy;
  /** Whether the TLS handshake with the server began (through a proxy: once its tunnel was open). */
  private volatile boolean handshaking;
  /** The connect timeout the call's connection (TCP, a proxy's tunnel, TLS) overran, or null. */
  private volatile java.time.Duration connectOverran;

  /** Notes that the call connects to {@code target} ({@code host:port}) through {@code proxy} (null: directly). */
  void connecting(String target, String proxy) {
    this.target = target;
    this.proxy = proxy;
  }

  /** Notes that the TLS handshake with the server began. */
  void handshaking() {
    this.handshaking = true;
  }

  /** Whether the TLS handshake with the server began: a proxy on the way had opened its tunnel. */
  boolean handshakeBegan() {
    return handshaking;
  }

  /** Notes that setting up the connection took longer than {@code limit}, so the call was stopped unsent. */
  void connectOverran(java.time.Duration limit) {
    this.connectOverran = limit;
  }

  /** The {@code host:port} the call connected (or tried to connect) to, when it began to. */
  public java.util.Optional<String> target() {
    return java.util.Optional.ofNullable(target);
  }

  /** The proxy the call's connection went through, as {@code host:port (where it is set)}, when it was not direct. */
  public java.util.Optional<String> proxy() {
    return java.util.Optional.ofNullable(proxy);
  }

  /** The connect timeout the call's connection overran before any byte of the request was sent, if it did. */
  public java.util.Optional<java.time.Duration> connectOverran() {
    return java.util.Optional.ofNullable(connectOverran);
  }

  /** Whether sending began on an open connection. */
  public boolean sent() {
    return sent;
  }

  /** Notes that the request's body begins to go out. */
  void sendingBody() {
    sendingBody = true;
  }

  /** Notes that the request's body went out whole. */
  void bodySent() {
    sendingBody = false;
  }

  /** Whether the request's body began to go out but did not go out whole: the call failed while sending it. */
  public boolean bodyCutShort() {
    return sendingBody;
  }

  /** Whether a response head arrived. */
  public boolean answered() {
    return status > 0;
  }

  /** The HTTP status of the response head, or 0. */
  public int status() {
    return status;
  }

  /** The response headers, or null when none arrived. */
  public Headers headers() {
    return headers;
  }

  /**
   * Keeps the request from leaving, unless it has begun to: true when it will never be sent (the
   * network interceptor refuses it), false when it is already on its way.
   */
  public boolean holdBack() {
    return departure.compareAndSet(WAITING, HELD_BACK) || departure.get() == HELD_BACK;
  }

  /** Marks the request as leaving; false when it was held back first. */
  private boolean leave() {
    return departure.compareAndSet(WAITING, LEAVING) || departure.get() == LEAVING;
  }

  /**
   * Holds the call, once the dispatcher starts it (a connection is free), until the stage {@code gate}
   * gives completes; a failed stage keeps it from leaving.
   */
  public void beforeLeaving(java.util.function.Supplier<? extends java.util.concurrent.CompletionStage<?>> gate) {
    this.beforeLeaving = gate;
  }

  /**
   * The interceptor that holds a started call until its {@link #beforeLeaving} gate opens; add it as
   * an application interceptor, so that the call waits before it connects.
   */
  public static Interceptor startInterceptor() {
    return CallTrace::start;
  }

  private static Response start(Interceptor.Chain chain) throws IOException {
    CallTrace trace = chain.request().tag(CallTrace.class);
    var gate = trace == null ? null : trace.beforeLeaving;
    if (gate != null) {
      trace.beforeLeaving = null; // asked once, even when OkHttp sends the call again
      awaitOpen(chain.call(), gate.get().toCompletableFuture());
    }
    return chain.proceed(chain.request());
  }

  /** Waits for {@code gate}; a failed gate, or a call cancelled meanwhile (its timeout), fails the call unsent. */
  private static void awaitOpen(okhttp3.Call call, java.util.concurrent.CompletableFuture<?> gate) throws IOException {
    while (true) {
      try {
        gate.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        return;
      } catch (java.util.concurrent.TimeoutException stillClosed) {
        if (call.isCanceled()) {
          throw new IOException("held back before it left: cancelled while its caller recorded that it was leaving");
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException failed) {
        throw new IOException("held back before it left: its caller could not record that it was leaving", failed);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("held back before it left: interrupted");
      }
    }
  }

  /** The interceptor that fills in the trace; add it as a network interceptor. */
  public static Interceptor networkInterceptor() {
    return CallTrace::intercept;
  }

  private static Response intercept(Interceptor.Chain chain) throws IOException {
    CallTrace trace = chain.request().tag(CallTrace.class);
    if (trace != null) {
      if (!trace.leave()) {
        throw new IOException("held back before it left: its caller stopped sending");
      }
      trace.sent = true;
    }
    Response response = chain.proceed(chain.request());
    if (trace != null) {
      trace.headers = response.headers();
      trace.status = response.code();
    }
    return response;
  }
}
