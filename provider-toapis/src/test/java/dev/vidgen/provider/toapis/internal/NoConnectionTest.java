package dev.vidgen.provider.toapis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class NoConnectionTest {

  @Test
  void aRefusedConnectionNamesTheAddressOkHttpTriedByItsHostName() {
    ConnectException refused = new ConnectException("Failed to connect to localhost/127.0.0.1:8080");
    refused.initCause(new ConnectException("Connection refused"));

    assertThat(NoConnection.why(refused, "api.example.com:443")).isEqualTo("localhost:8080 refused the connection");
    assertThat(NoConnection.why(new ConnectException("Failed to connect to /127.0.0.1:1"), null))
        .isEqualTo("no connection could be made to 127.0.0.1:1");
  }

  @Test
  void noAnswerAndAnUnknownHostAreSaidInWordsWithTheGivenAddressWhereTheFailureNamesNone() {
    assertThat(NoConnection.why(new SocketTimeoutException("Connect timed out"), "api.example.com:443"))
        .isEqualTo("api.example.com:443 gave no answer in time");
    assertThat(NoConnection.why(new ConnectException("Connection timed out"), null))
        .isEqualTo("the server gave no answer in time");
    assertThat(NoConnection.why(new UnknownHostException("nowhere.invalid: Name or service not known"), null))
        .isEqualTo("no host is known by the name nowhere.invalid");
  }

  @Test
  void noJavaClassNameIsEverSaid() {
    for (Throwable failure : new Throwable[] {new ConnectException(), new SocketTimeoutException(),
        new UnknownHostException(), new java.io.IOException(), new javax.net.ssl.SSLHandshakeException("bad cert")}) {
      assertThat(NoConnection.why(failure, "127.0.0.1:1")).doesNotContainPattern("[A-Z][a-z]+Exception");
    }
  }
}
