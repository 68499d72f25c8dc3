package dev.switchboard.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The reply to {@code file}: the file's path as asked, mime type, length in bytes, last modification
 * (epoch milliseconds), and content — text as a UTF-8 string ({@code encoding "utf-8"}), anything else in
 * Base64 ({@code encoding "base64"}).
 */
@JsonbPropertyOrder({"file", "mime", "length", "lastModified", "encoding", "content"})
public record FileContent(String file, String mime, long length, long lastModified, String encoding, String content) {
}
