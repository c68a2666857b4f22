/**
 * Programs with known placement answers: {@link dev.farcall.examples.placement.ParallelSum} has a
 * heavy pure method called from a parallel stream (it should run remotely), a tiny pure helper (it
 * should stay local) and an I/O method (it never moves).
 */
package dev.farcall.examples.placement;
