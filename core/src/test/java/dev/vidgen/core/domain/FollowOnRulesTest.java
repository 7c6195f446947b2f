package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowOnRulesTest {
  @Test
  void builtInRulesFollowTheDocumentedEndpoints() {
    FollowOnRules rules = FollowOnRules.builtIn();

    assertThat(rules.routesTaking(FollowOnKind.EXTEND)).containsExactly("grok-video-1.0");
    assertThat(rules.routesTaking(FollowOnKind.REMIX)).contains("grok-video-1.0", "sora-2-vvip", "sora-2-official");
    assertThat(rules.find("sora-2-official", FollowOnKind.REMIX).orElseThrow().sizes()).isEmpty();
    assertThat(rules.find("grok-video-1.0", FollowOnKind.EXTEND).orElseThrow().offeredSize("16:9 ")).contains("16:9");
    assertThat(rules.find("grok-video-1.0", FollowOnKind.EXTEND).orElseThrow().price()).isEmpty();
  }

  @Test
  void addedRulesWinOverBuiltInOnes() {
    FollowOnRules rules = FollowOnRules.builtIn().with(List.of(
        new FollowOnRule("grok-video-1.0", FollowOnKind.EXTEND, false, List.of(), false, BigDecimal.TEN, "mine")));

    assertThat(rules.find("grok-video-1.0", FollowOnKind.EXTEND).orElseThrow().price()).contains(BigDecimal.TEN);
    assertThat(FollowOnKind.parse(" Remix ")).contains(FollowOnKind.REMIX);
  }

  @Test
  void aJobTakesLocalVideosAsFileUrisAndUrlsAsTheyAre() {
    VideoJob job = VideoJob.builder("wan2.6").video("clip.mp4").video("https://example.com/v.mp4").build();

    assertThat(job.videos().get(0)).isEqualTo(Path.of("clip.mp4").toAbsolutePath().normalize().toUri());
    assertThat(job.videos().get(1)).isEqualTo(URI.create("https://example.com/v.mp4"));
    assertThat(job.hasLocalVideos()).isTrue();
    assertThat(job.withVideos(List.of(URI.create("https://x.example/a.mp4"))).hasLocalVideos()).isFalse();
  }
}
