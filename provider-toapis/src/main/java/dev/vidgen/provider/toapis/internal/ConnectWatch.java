package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.port.VidgenThreads;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.HttpUrl;

/**
 * Notes on each call's {@link CallTrace} where it connects (its URL's {@code host:port} and the proxy on the way),
 * and bounds the whole setting up of a connection (TCP, a proxy's CONNECT tunnel, the TLS handshake) by the
 * connect timeout: OkHttp bounds only the TCP part, so a proxy that takes the connection and never answers its
 * CONNECT would hold a call, which sent nothing yet, until the call's own timeout. Such a call is cancelled,
 * unsent.
 */
public final class ConnectWatch extends EventListener {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Duration limit;
  private ScheduledFuture<?> overdue;

  private ConnectWatch(Duration limit) {
    this.limit = limit;
  }

  /** Each call's watch, before the listener {@code others} makes for it (the client's own, kept). */
  public static EventListener.Factory factory(EventListener.Factory others, Duration limit) {
    Objects.requireNonNull(others, "others == null");
    Objects.requireNonNull(limit, "limit == null");
    return call -> new ConnectWatch(limit).plus(others.create(call));
  }

  @Override
  public synchronized void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    CallTrace trace = call.request().tag(CallTrace.class);
    if (trace != null) {
      HttpUrl url = call.request().url();
      trace.connecting(url.host() + ":" + url.port(), ProxyNames.named(proxy, url.scheme()));
    }
    if (overdue == null && !limit.isZero() && !limit.isNegative()) {
      overdue = TIMER.schedule(() -> overran(call, trace), limit.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void secureConnectStart(Call call) {
    CallTrace trace = call.request().tag(CallTrace.class);
    if (trace != null) {
      trace.handshaking();
    }
  }

  @Override
  public synchronized void connectionAcquired(Call call, Connection connection) {
    stop();
  }

  @Override
  public synchronized void callEnd(Call call) {
    stop();
  }

  @Override
  public synchronized void callFailed(Call call, java.io.IOException failure) {
    stop();
  }

  private void overran(Call call, CallTrace trace) {
    synchronized (this) {
      if (overdue == null) {
        return; // connected meanwhile
      }
      overdue = null;
    }
    if (trace != null) {
      trace.connectOverran(limit);
    }
    call.cancel();
  }

  private void stop() {
    if (overdue != null) {
      overdue.cancel(false);
      overdue = null;
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, VidgenThreads.named("toapis-connect-watch"));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
