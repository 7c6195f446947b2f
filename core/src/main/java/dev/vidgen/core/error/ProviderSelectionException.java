package dev.vidgen.core.error;

import java.util.List;

/**
 * No provider could be chosen: none on the class path, none with the asked-for id, or several
 * with no choice made. The message lists the ids found and any provider that failed to load.
 */
public final class ProviderSelectionException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final List<String> availableIds;

  /** An error saying why in {@code message}, listing {@code availableIds}; {@code cause} may be null. */
  public ProviderSelectionException(String message, List<String> availableIds, Throwable cause) {
    super(message + " (see docs/errors.md#provider-selection)", cause);
    this.availableIds = List.copyOf(availableIds);
  }

  /** The provider ids that were found. */
  public List<String> availableIds() {
    return availableIds;
  }

  @Override
  public String docsAnchor() {
    return "provider-selection";
  }
}
