/**
 * The ToAPIs provider ({@code toapis}): {@link dev.vidgen.provider.toapis.ToApisProviderFactory}
 * (found by {@link java.util.ServiceLoader}), its {@link dev.vidgen.provider.toapis.ToApisConfig},
 * and {@link dev.vidgen.provider.toapis.ToApisWebhooks} to verify and read webhook deliveries.
 */
package dev.vidgen.provider.toapis;
