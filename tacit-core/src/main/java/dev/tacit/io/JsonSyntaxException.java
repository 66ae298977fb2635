package dev.tacit.io;

/** A header that is not valid JSON (of the subset {@link JsonParser} reads), with the byte offset of the fault. */
final class JsonSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    JsonSyntaxException(int offset, String reason) {
        super(reason);
        this.offset = offset;
    }

    /** @return byte offset of the fault, counted from the first byte of the header */
    int offset() {
        return offset;
    }
}
