package dev.vidgen.provider.toapis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * Sockets from another factory with a small send buffer, for uploads: a write then returns only once
 * the link has taken most of what came before, so the write timeout measures how the upload moves,
 * and the read timeout starts when at most about {@code bytes} (twice that on Linux, which counts its
 * bookkeeping in) are still on their way, not a whole file the system took at once.
 */
final class SmallSendBuffers extends SocketFactory {
  private final SocketFactory sockets;
  private final int bytes;

  SmallSendBuffers(SocketFactory sockets, int bytes) {
    this.sockets = Objects.requireNonNull(sockets, "sockets == null");
    this.bytes = bytes;
  }

  @Override
  public Socket createSocket() throws IOException {
    return small(sockets.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return small(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return small(sockets.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return small(sockets.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return small(sockets.createSocket(address, port, localAddress, localPort));
  }

  /** Sets the buffer before the socket connects (OkHttp connects the unconnected socket it gets). */
  private Socket small(Socket socket) throws IOException {
    socket.setSendBufferSize(bytes);
    return socket;
  }
}
