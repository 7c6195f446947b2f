package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The starter route file of {@code models --live --emit-routes}: what it leaves out or cannot be, said. */
class StarterRoutesTest {
  @Test
  void aStarterFileOverTheSizeRouteFilesMayBeIsSaidWithWhatToDo() {
    List<String> many = IntStream.range(0, 40_000).mapToObj(i -> "acme-video-" + i).toList();

    StarterRoutes.Starter starter = StarterRoutes.of(many);

    assertThat(starter.json().length()).isGreaterThan(8 * 1024 * 1024);
    assertThat(starter.notices()).singleElement().asString()
        .contains("(40000 routes), more than the 8388608 bytes (8 MB) route files may be together",
            "keep only the routes of the models you use");
  }

  @Test
  void aShortListSaysNothing() {
    assertThat(StarterRoutes.of(List.of("acme-video-1", "acme-video-2")).notices()).isEmpty();
  }
}
