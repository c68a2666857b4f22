/**
 * The repository's {@code docker-compose.yml} driven from Java: a compose project run with
 * podman-compose ({@link dev.farcall.deploy.ComposeStack}), its variables ({@link
 * dev.farcall.deploy.StackSettings}) and the coordinator's REST API as a user outside the stack
 * calls it ({@link dev.farcall.deploy.FarcallRest}). Shared by the compose test and the compose
 * benchmark.
 */
package dev.farcall.deploy;
