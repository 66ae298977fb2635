/**
 * Saved models: {@link dev.tacit.io.ModelFile}, a documented, versioned, self-checking container (magic,
 * version, JSON header, little-endian array payloads, CRC32 checksums) read and written without Java
 * serialization; damaged or foreign files are reported by {@link dev.tacit.io.ModelFormatException}. The
 * byte layout is specified in {@code docs/MODEL_FORMAT.md}.
 */
package dev.tacit.io;
