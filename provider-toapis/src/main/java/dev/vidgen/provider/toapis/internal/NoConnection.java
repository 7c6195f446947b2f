package dev.vidgen.provider.toapis.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a call made no connection, in words for people: which address refused it or gave no answer,
 * naming no Java class ("127.0.0.1:8080 refused the connection", not "ConnectException").
 */
final class NoConnection {
  /** OkHttp's words for a connection it could not make: {@code Failed to connect to host/1.2.3.4:443}. */
  private static final Pattern FAILED_TO_CONNECT = Pattern.compile("Failed to connect to (?:([^/\\s]*)/)?(\\S+)");

  private NoConnection() {}

  /**
   * What {@code failure} says, as a person would: {@code address} ({@code host:port}, or null for
   * "the server") is named where the failure does not name its own.
   */
  static String why(Throwable failure, String address) {
    String where = addressIn(failure.getMessage()).orElse(address == null ? "the server" : address);
    if (failure instanceof java.net.UnknownHostException) {
      String host = failure.getMessage() == null ? "" : failure.getMessage().split(":", 2)[0].strip();
      return host.isEmpty() ? "the host name could not be found" : "no host is known by the name " + host;
    }
    if (failure instanceof java.io.InterruptedIOException) {
      return where + " gave no answer in time";
    }
    if (failure instanceof javax.net.ssl.SSLException) {
      return "the secure (TLS) connection to " + where + " could not be set up" + inWords(failure.getMessage());
    }
    String said = everyMessage(failure).toLowerCase(Locale.ROOT);
    if (said.contains("refused")) {
      return where + " refused the connection";
    }
    if (said.contains("timed out")) {
      return where + " gave no answer in time";
    }
    if (said.contains("unreachable") || said.contains("no route")) {
      return where + " cannot be reached from this machine (no route to it)";
    }
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootSaid = root.getMessage();
    return "no connection could be made to " + where + (rootSaid == null || rootSaid.isBlank()
        || addressIn(rootSaid).isPresent() ? "" : " (" + oneLine(rootSaid) + ")");
  }

  /** The {@code host:port} OkHttp named in {@code message}, by its host name when it has one. */
  private static java.util.Optional<String> addressIn(String message) {
    if (message == null) {
      return java.util.Optional.empty();
    }
    Matcher matcher = FAILED_TO_CONNECT.matcher(message);
    if (!matcher.find()) {
      return java.util.Optional.empty();
    }
    String host = matcher.group(1);
    String ipAndPort = matcher.group(2);
    int colon = ipAndPort.lastIndexOf(':');
    return java.util.Optional.of(host == null || host.isEmpty() || colon < 0 ? ipAndPort
        : host + ipAndPort.substring(colon));
  }

  private static String inWords(String message) {
    return message == null || message.isBlank() ? "" : " (" + oneLine(message) + ")";
  }

  /** {@code text} on one line: each run of white space (line breaks included) as one space. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** The messages of {@code failure} and its causes, one after another. */
  private static String everyMessage(Throwable failure) {
    StringBuilder said = new StringBuilder();
    for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
      if (each.getMessage() != null) {
        said.append(each.getMessage()).append('\n');
      }
    }
    return said.toString();
  }
}
