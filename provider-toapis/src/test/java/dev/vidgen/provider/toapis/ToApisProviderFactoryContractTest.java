package dev.vidgen.provider.toapis;

import dev.vidgen.testkit.VideoProviderFactoryContract;

class ToApisProviderFactoryContractTest extends VideoProviderFactoryContract {
  @Override
  protected String id() {
    return "toapis";
  }
}
