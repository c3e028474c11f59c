/**
 * The commission strategy SPI (SPEC.md §5): a reward tree is made of {@link dev.referralkit.reward.Reward}
 * nodes named by their JSON {@code type}; each reads a {@link dev.referralkit.reward.RewardContext} and
 * returns a {@link dev.referralkit.reward.RewardResult} with the state deltas the engine applies (cap use,
 * retroactive tier pricing). The built-in strategies live in {@code referralkit-commission-rules}; a host
 * adds its own the same way.
 */
package dev.referralkit.reward;
