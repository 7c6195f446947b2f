package dev.vidgen.core.client;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers this client's provider kept its uploads on (scheme, host and port of each URL an upload answered): a
 * URL there is the provider's own, which it can fetch even on this machine (a gateway or a test server on loopback),
 * so validation's warning that a URL names this machine ({@code image.url_not_public}) is dropped for it.
 */
final class UploadServers {
  private final Set<String> servers = ConcurrentHashMap.newKeySet();

  /** Notes the servers of the URLs that took the place of {@code before}'s local images and videos in {@code after}. */
  void noteUploads(VideoJob before, VideoJob after) {
    for (int i = 0; i < before.images().size() && i < after.images().size(); i++) {
      if (before.images().get(i) instanceof ImageInput.Local && after.images().get(i) instanceof ImageInput.Remote r) {
        servers.add(server(r.url()));
      }
    }
    for (int i = 0; i < before.videos().size() && i < after.videos().size(); i++) {
      if (VideoJob.isLocalVideo(before.videos().get(i)) && !VideoJob.isLocalVideo(after.videos().get(i))) {
        servers.add(server(after.videos().get(i)));
      }
    }
  }

  /** {@code report} without the not-public warnings of {@code job}'s URLs that are on a server uploads were kept on. */
  ValidationReport withoutOwnUrls(ValidationReport report, VideoJob job) {
    if (servers.isEmpty() || job == null) {
      return report;
    }
    List<Violation> kept = new ArrayList<>();
    boolean dropped = false;
    for (Violation violation : report.violations()) {
      URI url = notPublicUrl(violation, job);
      if (url != null && servers.contains(server(url))) {
        dropped = true;
      } else {
        kept.add(violation);
      }
    }
    return dropped ? new ValidationReport(report.model(), report.mode(), kept) : report;
  }

  /** The URL a not-public warning is about ({@code images[0]}, {@code videos[1]}), or null for any other violation. */
  private static URI notPublicUrl(Violation violation, VideoJob job) {
    String field = violation.field();
    if (violation.code().equals(ViolationCodes.IMAGE_URL_NOT_PUBLIC)) {
      int at = index(field, "images[");
      boolean remote = at >= 0 && at < job.images().size() && job.images().get(at) instanceof ImageInput.Remote;
      return remote ? ((ImageInput.Remote) job.images().get(at)).url() : null;
    }
    if (violation.code().equals(ViolationCodes.VIDEO_URL_NOT_PUBLIC)) {
      int at = index(field, "videos[");
      return at >= 0 && at < job.videos().size() ? job.videos().get(at) : null;
    }
    return null;
  }

  private static int index(String field, String prefix) {
    if (!field.startsWith(prefix) || !field.endsWith("]")) {
      return -1;
    }
    try {
      return Integer.parseInt(field.substring(prefix.length(), field.length() - 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String server(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort() >= 0 ? url.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
    return scheme + "://" + String.valueOf(url.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
  }
}
