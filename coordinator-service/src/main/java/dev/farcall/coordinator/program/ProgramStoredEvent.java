package dev.farcall.coordinator.program;

/**
 * Published after a new program's jar and row are stored (not when the same bytes are uploaded
 * again). Listeners run on the uploading thread: they must be quick and must not throw.
 *
 * @param program the stored program
 */
public record ProgramStoredEvent(ProgramRef program) {}
