package dev.switchboard.it;

import dev.switchboard.api.SendOptions;
import dev.switchboard.api.Sent;
import dev.switchboard.api.Switchboard;
import dev.switchboard.api.Target;
import dev.switchboard.protocol.SwitchboardFailure;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Application code that uses the server API, for {@code ServerApiIT}: each path calls one operation of the injected
 * {@link Switchboard} with the query's parameters, waits for its stage, and answers its outcome as JSON — the
 * {@code Sent}, or the failure's {@code code}. {@code /probe/events} lists what {@link EventLog} observed.
 */
@WebServlet("/probe/*")
public class ApiProbe extends HttpServlet {

    @Inject
    Switchboard switchboard;

    @Inject
    EventLog log;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String op = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        SendOptions options = new SendOptions(request.getParameter("as"), request.getParameter("key"));
        Object outcome = switch (op) {
            case "publish" -> outcome(switchboard.publish(request.getParameter("room"), json(request.getParameter("message")), options));
            case "emit" -> outcome(switchboard.emit(target(request), request.getParameter("event"), json(request.getParameter("data")), options));
            case "tell" -> outcome(switchboard.tell(target(request), json(request.getParameter("message")), options));
            case "subscribe" -> outcome(switchboard.subscribe(target(request), request.getParameter("to")));
            case "unsubscribe" -> outcome(switchboard.unsubscribe(target(request), request.getParameter("from")));
            case "disconnect" -> outcome(switchboard.disconnect(target(request), request.getParameter("reason"),
                    Boolean.parseBoolean(request.getParameter("reconnect"))));
            case "presence" -> Json.createObjectBuilder().add("membersCount",
                    switchboard.presence(request.getParameter("room")).map(view -> view.membersCount()).orElse(0)).build();
            case "rooms" -> Json.createObjectBuilder().add("rooms", Json.createArrayBuilder(switchboard.roomsOf(request.getParameter("user")))).build();
            case "events" -> log.asJson();
            default -> Json.createObjectBuilder().add("code", "NO_SUCH_PROBE").build();
        };
        response.setContentType("application/json");
        response.getWriter().write(outcome.toString());
    }

    private static Target target(HttpServletRequest request) {
        if (request.getParameter("room") != null) {
            return Target.room(request.getParameter("room"));
        }
        return request.getParameter("user") != null ? Target.user(request.getParameter("user")) : Target.connection(request.getParameter("connection"));
    }

    private static JsonValue json(String text) {
        return text == null ? JsonValue.NULL : Json.createReader(new StringReader(text)).readValue();
    }

    /** What the stage ended with, as JSON: {@code {messageId, position, repeated}}, {@code {done: true}}, or {@code {code}}. */
    private static Object outcome(CompletionStage<?> stage) {
        JsonObjectBuilder answer = Json.createObjectBuilder();
        try {
            Object value = stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
            if (value instanceof Sent sent) {
                answer.add("messageId", sent.messageId()).add("repeated", sent.repeated());
                if (sent.position() != null) {
                    answer.add("position", sent.position().toJson());
                }
            } else {
                answer.add("done", true);
            }
        } catch (ExecutionException e) {
            answer.add("code", e.getCause() instanceof SwitchboardFailure failure ? failure.code().name() : e.getCause().toString());
        } catch (Exception e) {
            answer.add("code", e.toString());
        }
        answer.add("thread", Thread.currentThread().getName());
        return answer.build();
    }
}
