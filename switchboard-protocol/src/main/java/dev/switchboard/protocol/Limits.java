package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * What a connection may send, as its server enforces it (in {@code welcome} and {@code detailsView}): clients pace
 * their frames to stay under it, so that an honest burst is slowed, never refused.
 *
 * @param framesPerSecond the average rate of frames the connection may send
 * @param burst frames it may send at once above that average
 * @param maxFrameBytes the largest text frame it may send, in UTF-8 bytes
 */
@JsonbPropertyOrder({"framesPerSecond", "burst", "maxFrameBytes"})
public record Limits(int framesPerSecond, int burst, int maxFrameBytes) {
}
