/**
 * Equivalence programs: each prints deterministic results to stdout, so a run under Farcall can be
 * compared byte for byte with {@code java -cp examples.jar <package>.Main}. One subpackage per
 * program, each with its own {@code Main}.
 */
package dev.farcall.examples.programs;
