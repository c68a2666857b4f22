/**
 * What user programs may compile against: declarations for the analysis ({@link
 * dev.farcall.api.Pure}, {@link dev.farcall.api.Pinned}, {@link dev.farcall.api.Remote}). This jar
 * has no dependencies and everything in it also works when the program runs without Farcall.
 */
package dev.farcall.api;
