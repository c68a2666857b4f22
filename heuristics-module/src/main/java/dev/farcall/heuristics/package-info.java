/**
 * Farcall's judgement, as plain Java: reading an uploaded jar ({@code jar}), what the analysis
 * knows without looking inside a method ({@code knowledge}: the JDK knowledge base and the user's
 * declarations), and the bytecode analysis that decides which methods may move ({@code analysis}).
 * No Spring, no Kafka, no I/O beyond reading the jar.
 */
package dev.farcall.heuristics;
