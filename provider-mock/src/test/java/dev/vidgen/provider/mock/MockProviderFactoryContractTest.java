package dev.vidgen.provider.mock;

import dev.vidgen.testkit.VideoProviderFactoryContract;

class MockProviderFactoryContractTest extends VideoProviderFactoryContract {
  @Override
  protected String id() {
    return "mock";
  }
}
