/**
 * {@code POST /api/v1/programs/{id}/invocations}: invokes one method of an uploaded program on a
 * worker. Resolves the method in the program's own class loader (never initialising its classes),
 * turns the JSON arguments into the method's Avro argument record, dispatches it, and turns the
 * worker's reply back into JSON.
 */
package dev.farcall.coordinator.invocation;
