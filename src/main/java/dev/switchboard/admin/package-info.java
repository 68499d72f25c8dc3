/** Switchboard's REST endpoints under {@code /api}: issuing tokens to logged-in users. */
package dev.switchboard.admin;
