package dev.switchboard.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json}, which the server jar serves, describes exactly the paths and methods {@link ServerApiResource} has. */
class OpenApiDocumentTest {

    @Test
    void theDocumentListsEveryOperationOfTheServerApiAndNoOther() throws IOException {
        JsonObject document;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/resources/openapi.json")) {
            document = Json.createReader(in).readObject();
        }
        assertEquals("/switchboard/api/server", document.getJsonArray("servers").getJsonObject(0).getString("url"));
        Map<String, String> described = new TreeMap<>();
        document.getJsonObject("paths").forEach((path, operations) -> operations.asJsonObject().keySet()
                .forEach(method -> described.put(path, method)));
        Map<String, String> served = new TreeMap<>();
        for (Method method : ServerApiResource.class.getDeclaredMethods()) {
            Path path = method.getAnnotation(Path.class);
            if (path != null) {
                served.put("/" + path.value(), method.isAnnotationPresent(POST.class) ? "post" : method.isAnnotationPresent(GET.class) ? "get" : "?");
            }
        }
        assertEquals(served, described);
        assertTrue(ServerApiResource.class.getAnnotation(Path.class).value().equals("server"));
    }
}
