/** Client-side rate limits: a provider decorator that keeps to the limits a provider reports. */
package dev.vidgen.core.ratelimit;
