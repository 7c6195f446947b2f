package dev.vidgen.provider.toapis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressKindTest {

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1, LOOPBACK", "127.255.0.9, LOOPBACK", "::1, LOOPBACK", "::ffff:127.0.0.1, LOOPBACK",
      "10.0.0.1, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
      "100.64.0.1, PRIVATE", "100.127.255.255, PRIVATE", "fd00::1, PRIVATE", "fc00::1, PRIVATE",
      "169.254.169.254, LINK_LOCAL", "fe80::1, LINK_LOCAL", "::ffff:169.254.169.254, LINK_LOCAL",
      "64:ff9b::a9fe:a9fe, LINK_LOCAL", "2002:a00:1::, PRIVATE", "::a00:1, PRIVATE",
      "0.0.0.0, UNSPECIFIED", "::, UNSPECIFIED", "224.0.0.1, MULTICAST", "ff02::1, MULTICAST",
      "255.255.255.255, RESERVED", "240.0.0.1, RESERVED",
      "8.8.8.8, PUBLIC", "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC", "2606:4700::1, PUBLIC"})
  void tellsTheKindOfEachAddress(String literal, AddressKind kind) throws UnknownHostException {
    assertThat(AddressKind.of(InetAddress.getByName(literal))).isEqualTo(kind);
  }

  @ParameterizedTest
  @CsvSource({
      "192.0.2.2, RESERVED", "198.51.100.7, RESERVED", "203.0.113.255, RESERVED", "198.18.0.1, RESERVED",
      "198.19.255.254, RESERVED", "192.0.0.9, RESERVED", "2001:db8::1, RESERVED", "2001:db8:ffff::7, RESERVED",
      "::ffff:203.0.113.7, RESERVED", "2002:c000:0201::, RESERVED",
      "192.0.1.1, PUBLIC", "192.0.3.1, PUBLIC", "198.51.101.1, PUBLIC", "203.0.112.1, PUBLIC", "198.17.255.1, PUBLIC",
      "198.20.0.1, PUBLIC", "2001:db9::1, PUBLIC", "2001:4860::8888, PUBLIC"})
  void countsDocumentationBenchmarkingAndIetfRangesAsReserved(String literal, AddressKind kind)
      throws UnknownHostException {
    assertThat(AddressKind.of(InetAddress.getByName(literal))).isEqualTo(kind);
  }
}
