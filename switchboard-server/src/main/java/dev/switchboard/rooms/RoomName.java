package dev.switchboard.rooms;

/**
 * A valid room name: 1 to {@value #MAX_LENGTH} characters, none of them a control character.
 *
 * @param value the name
 */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 128;

    public RoomName {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("expected a room name of 1 to " + MAX_LENGTH + " characters, got an empty one");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "expected a room name of at most " + MAX_LENGTH + " characters, got " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("expected a room name without control characters, got one at index " + i);
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
