package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every built-in route validates, quotes and spells a fixed set of jobs exactly as recorded in
 * {@code catalog-golden.txt}. The record was taken from the Java catalog before the routes became
 * a JSON file; regenerate it only on purpose with {@code -Dvidgen.golden.write=true} and say why.
 * Regenerated once since, on purpose: the {@code sora-2*} routes were retired (issue 11), which
 * added one {@code model.retired} warning to each of their jobs (retired routes are allowed here,
 * so that their bodies stay on record) and changed nothing else. Regenerated a second time on
 * purpose: in a mode whose rules take no aspect ratio or ignore it (image-to-video on wan2.6,
 * kling-3.0-turbo, MiniMax-H3 and happyhorse-1.1), a job that names none is no longer sent with the
 * route's default; the diff removed only those {@code aspect_ratio} fields. A third time on purpose:
 * where a mode's rules allow one aspect ratio only (image-to-video and video-edit on seedance-2-5,
 * which need {@code adaptive}), a job that names none is sent with it instead of being refused; the
 * diff turned only those jobs' "needed; set it" errors into bodies with {@code "aspect_ratio":"adaptive"}.
 * A fourth time on purpose: an extra parameter may no longer replace a field the job's settings fill
 * ({@code param.replaces_setting}); the diff turned only the "known param" jobs that did so ({@code
 * metadata} on the Veo 3.1 routes, which dropped {@code metadata.resolution}, and {@code
 * client_business_id} on the routes that send their own) from bodies into that error. (A mode field
 * the route documents as a parameter, seedance-2-5's {@code video_operation}, stays the caller's.)
 * A fifth time on purpose, after a trial against the fact sheet: {@code audio_with_roles} of
 * {@code "x"} with no image or video is refused on the Seedance 2 routes and MiniMax-H3 (not a list;
 * never alone); a ratio a mode ignores is no longer sent (and the warning says so); viduq3's
 * {@code off_peak} is documented; gemini-omni-flash follows R (text-to-video or 1 to 3 reference
 * images, {@code 720p}), so its image-to-video jobs became reference-to-video ones. A sixth time on
 * purpose: reference audio goes with reference mode only on those routes (frame and reference are
 * never mixed); the diff added only that {@code conflict.param_mode} error to their text-to-video
 * "known param audio_with_roles" jobs. A seventh time on purpose: a {@code callback_url} that is not an
 * https URL is refused before anything is sent (ToAPIs delivers webhooks over HTTPS only); the diff turned
 * only the five "known param callback_url" jobs (whose sample value is {@code "x"}) from bodies into that error.
 */
class CatalogGoldenTest {
  private static final String RESOURCE = "catalog-golden.txt";

  @Test
  void everyBuiltInRouteValidatesQuotesAndSpellsTheFixedJobsAsRecorded() throws IOException {
    String actual;
    try (VidgenClient client = CatalogGolden.toApisClient(builder -> builder.allowRetired(true))) {
      actual = CatalogGolden.of(client);
    }
    if (Boolean.getBoolean("vidgen.golden.write")) {
      Files.writeString(Path.of("src/test/resources").resolve(RESOURCE), actual, StandardCharsets.UTF_8);
    }
    String expected;
    try (InputStream in = CatalogGoldenTest.class.getResourceAsStream("/" + RESOURCE)) {
      assertThat(in).as("the golden file %s", RESOURCE).isNotNull();
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> want = expected.lines().toList();
    List<String> got = actual.lines().toList();
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      assertThat(got.get(i)).as("line %d of %s (under %s)", i + 1, RESOURCE, header(want, i)).isEqualTo(want.get(i));
    }
    assertThat(got).as("number of lines").hasSameSizeAs(want);
  }

  @Test
  void theRecordCoversEveryBuiltInRoute() throws IOException {
    try (VidgenClient client = CatalogGolden.toApisClient(builder -> builder)) {
      assertThat(client.catalog().routes()).hasSize(37);
    }
  }

  private static String header(List<String> lines, int index) {
    for (int i = index; i >= 0; i--) {
      if (lines.get(i).startsWith("### ")) {
        return lines.get(i);
      }
    }
    return "the start";
  }
}
