package dev.farcall.coordinator.program;

import java.util.Optional;

/** Finds stored programs; what other features of the coordinator need of the program store. */
public interface ProgramLookup {

  /** The program with this id, if it is stored. */
  Optional<ProgramRef> find(String programId);
}
