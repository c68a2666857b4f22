/**
 * A run's driver process, from the coordinator's side: its directory ({@link
 * dev.farcall.coordinator.run.driver.RunDirectory}), its user ({@link
 * dev.farcall.coordinator.run.driver.RunIsolation}), its credential ({@link
 * dev.farcall.coordinator.run.driver.RunCredentials}), its command line ({@link
 * dev.farcall.coordinator.run.driver.DriverCommand}) and spec ({@link
 * dev.farcall.coordinator.run.driver.RunSpecFactory}), starting it ({@link
 * dev.farcall.coordinator.run.driver.DriverLauncher}) and a handle on it ({@link
 * dev.farcall.coordinator.run.driver.DriverProcess}), the events it reports ({@link
 * dev.farcall.coordinator.run.driver.RunEventsListener}) and the reply topics it leaves ({@link
 * dev.farcall.coordinator.run.driver.RunTopics}). It knows nothing of the runs API.
 */
package dev.farcall.coordinator.run.driver;
