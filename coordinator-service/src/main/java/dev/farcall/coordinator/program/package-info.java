/**
 * The program store: upload, validation, storage and download of program jars ({@code
 * /api/v1/programs}). Other features find stored programs through {@link
 * dev.farcall.coordinator.program.ProgramLookup}.
 */
package dev.farcall.coordinator.program;
