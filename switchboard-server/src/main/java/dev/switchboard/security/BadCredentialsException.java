package dev.switchboard.security;

/** Credentials an authenticator recognises as its own but refuses; the message goes to the client. */
public class BadCredentialsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadCredentialsException(String message) {
        super(message);
    }
}
