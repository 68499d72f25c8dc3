package dev.switchboard.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Plain HTTP to the server under test: the REST API, metrics and health, with or without a login. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** The HTTP address of a path of the Switchboard deployment whose socket address is given (same host and port). */
    public static java.net.URI onNode(java.net.URI socket, String path) {
        return java.net.URI.create("http://" + socket.getHost() + ":" + socket.getPort() + "/switchboard/" + path);
    }

    /** The {@code Authorization} header of a BASIC login. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request (with the login, when {@code authorization} is not null) and returns the response. */
    public static HttpResponse<String> send(String method, URI uri, String authorization, String jsonBody) {
        return send(method, uri, authorization, jsonBody, java.util.Map.of());
    }

    /** {@link #send(String, URI, String, String)} with more headers. */
    public static HttpResponse<String> send(String method, URI uri, String authorization, String jsonBody, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static HttpResponse<String> get(URI uri, String authorization) {
        return send("GET", uri, authorization, null);
    }

    /** The value of one series in the text of the node's {@code /metrics}, 0 when it is not there. */
    public static double metric(String text, String series) {
        java.util.regex.Matcher value = java.util.regex.Pattern.compile(
                "^" + java.util.regex.Pattern.quote(series) + " (\\S+)$", java.util.regex.Pattern.MULTILINE).matcher(text);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
