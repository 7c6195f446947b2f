/** Client-side rate limits: a provider decorator that keeps to the provider's token buckets. */
package dev.vidgen.core.ratelimit;
