package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;

/**
 * The answer of {@code GET /v1/balance}. Amounts are read as text so that no precision is lost;
 * vidgen uses the credits, since {@code remain_balance} comes in varying units. Some answers nest
 * the same fields under {@code data}. {@code credits_per_usd} is kept as written whatever its shape: one that is
 * no number ({@code true}, {@code [200]}) leaves the rate unusable, not the whole balance unread.
 */
public record BalanceDto(
    Boolean success,
    String message,
    @Json(name = "remain_balance") String remainBalance,
    @Json(name = "used_balance") String usedBalance,
    @Json(name = "remain_credits") String remainCredits,
    @Json(name = "used_credits") String usedCredits,
    @Json(name = "credits_per_usd") WrittenValue creditsPerUsd,
    @Json(name = "unlimited_quota") Boolean unlimitedQuota,
    BalanceDto data) {}
