package dev.farcall.coordinator.program;

/** The program store on the default database: H2 files under the data directory. */
class H2ProgramStoreTests extends ProgramStoreContractTests {}
