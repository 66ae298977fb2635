package dev.tacit.experiments;

/** An option or input a user gave is invalid; the message is one line meant for that user. */
public final class BadInputException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the option or file */
    public BadInputException(String message) {
        super(message);
    }
}
