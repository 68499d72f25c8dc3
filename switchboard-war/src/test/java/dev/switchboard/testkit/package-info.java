/** What the integration tests share: the deployment of the built WAR and a WebSocket test client with timed waits. */
package dev.switchboard.testkit;
