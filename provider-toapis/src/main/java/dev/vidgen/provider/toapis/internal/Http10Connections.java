package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Keeps a connection out of OkHttp's pool once an HTTP/1.0 server answered on it without {@code
 * Connection: keep-alive}: such a server closes it after the answer, and OkHttp, which only drops a
 * connection answered {@code Connection: close}, would send the next request into the closed socket
 * (for a create: a request whose fate is never known). The socket's sending side is shut once the
 * answer's head is in, which the pool's health check then sees. Add it as a network interceptor.
 */
public final class Http10Connections implements Interceptor {
  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    Connection connection = chain.connection();
    if (response.protocol() == Protocol.HTTP_1_0 && connection != null
        && !"keep-alive".equalsIgnoreCase(response.header("Connection"))) {
      try {
        connection.socket().shutdownOutput();
      } catch (IOException | UnsupportedOperationException cannot) {
        // A TLS socket cannot be half-closed, and one already closed needs nothing: OkHttp's own checks then decide.
      }
    }
    return response;
  }
}
