/**
 * The seam between {@code Farcall.async} and the run driver that executes a program under Farcall.
 * Programs do not use this package.
 */
package dev.farcall.api.spi;
