package dev.farcall.coordinator.program;

/**
 * What inspecting a valid jar found.
 *
 * @param entryCount entries counted, nested jars' entries included
 * @param classCount {@code .class} entries of the jar itself (not of nested jars)
 * @param uncompressedBytes bytes all entries decompressed to, nested jars' entries included
 * @param mainClass the manifest's {@code Main-Class}, or {@code null} if it has none
 */
record JarSummary(int entryCount, int classCount, long uncompressedBytes, String mainClass) {}
