package dev.switchboard.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.config.Settings;
import dev.switchboard.protocol.FrameCodec;
import dev.switchboard.security.Identity;
import dev.switchboard.verbs.ActionVerbHandler;
import dev.switchboard.verbs.Dispatcher;
import dev.switchboard.verbs.InboundReader;
import dev.switchboard.verbs.RecordingCaller;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ActionsTest {

    private final FrameCodec codec = new FrameCodec();
    private final CompletableFuture<Object> gate = new CompletableFuture<>();
    private final Actions actions = new Actions(
            Map.of("echo", ActionDefinition.of(EchoAction.class), "wait", ActionDefinition.of(Wait.class)),
            name -> name.equals("echo") ? new EchoAction() : new Wait(gate));
    private final Executor direct = Runnable::run;
    private final Dispatcher dispatcher = new Dispatcher(Map.of("action", new ActionVerbHandler(actions, 2, direct)), codec,
            Settings.of(Map.of()).auth());
    private final InboundReader reader = new InboundReader(codec, Settings.of(Map.of()).limits(), kind -> { });
    private final RecordingCaller caller = new RecordingCaller("c1");

    {
        caller.authenticate(new Identity("ann", Set.of()));
    }

    @AfterEach
    void close() {
        codec.close();
    }

    @Action(value = "wait", description = "completes when the test says", params = @Param(name = "n", type = ParamType.INTEGER))
    static final class Wait implements ActionHandler {
        private final CompletableFuture<Object> gate;

        Wait(CompletableFuture<Object> gate) {
            this.gate = gate;
        }

        @Override
        public Object run(ActionCall call) {
            return gate.thenApply(value -> call.params().getInt("n"));
        }
    }

    private List<JsonObject> replies() {
        return caller.take().stream().map(frame -> (JsonObject) codec.parse(frame)).toList();
    }

    @Test
    void anActionRunsAndItsReplyCarriesWhatItReturned() {
        dispatcher.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"action\",\"params\":{\"action\":\"echo\","
                + "\"params\":{\"text\":\"hi\",\"times\":2}}}"));
        JsonObject reply = replies().get(0);
        assertEquals("hihi", reply.getJsonObject("data").getString("text"));
        assertEquals("ann", reply.getJsonObject("data").getString("user"));
    }

    @Test
    void aClusterOutageInsideAnActionIsUnavailableAsOnEveryOtherPath() {
        dispatcher.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"action\",\"params\":{\"action\":\"wait\",\"params\":{\"n\":1}}}"));
        gate.completeExceptionally(new dev.switchboard.cluster.ClusterUnavailableException("broker down", null));
        JsonObject reply = replies().get(0);
        assertEquals("UNAVAILABLE", reply.getJsonObject("error").getString("code"));
        assertEquals(0, caller.closeCode());
        assertEquals(0, caller.runningActions());
    }

    @Test
    void anyFailureTheServersSideNamesGoesOnWithItsCodeAsOnEveryOtherPath() {
        dispatcher.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":1,\"method\":\"action\",\"params\":{\"action\":\"wait\",\"params\":{\"n\":1}}}"));
        gate.completeExceptionally(new dev.switchboard.api.PositionTimeoutException("lobby", "m1", java.time.Duration.ofSeconds(10)));
        JsonObject reply = replies().get(0);
        assertEquals("UNAVAILABLE", reply.getJsonObject("error").getString("code"), reply::toString);
        assertEquals(0, caller.closeCode());
    }

    @Test
    void anActionsOwnFailureIsActionFailedAndTheConnectionStaysOpen() {
        dispatcher.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":\"a-1\",\"method\":\"action\",\"params\":{\"action\":\"wait\",\"params\":{\"n\":1}}}"));
        gate.completeExceptionally(new IllegalStateException("the application's bug"));
        JsonObject reply = replies().get(0);
        assertEquals("a-1", reply.getString("id"));
        assertEquals("ACTION_FAILED", reply.getJsonObject("error").getString("code"));
        assertEquals(0, caller.closeCode());
    }

    @Test
    void beyondTheLimitOfRunningActionsACallIsRateLimitedAndRepliesKeepTheirOrder() {
        for (int id = 1; id <= 3; id++) {
            dispatcher.dispatch(caller, reader.read("{\"type\":\"method\",\"id\":" + id
                    + ",\"method\":\"action\",\"params\":{\"action\":\"wait\",\"params\":{\"n\":" + id + "}}}"));
        }
        assertEquals(List.of(), caller.frames());
        assertEquals(2, caller.runningActions());
        gate.complete("go");
        List<JsonObject> replies = replies();
        assertEquals(List.of(1, 2, 3), replies.stream().map(r -> r.getInt("id")).toList());
        assertEquals(1, replies.get(0).getInt("data"));
        assertEquals(2, replies.get(1).getInt("data"));
        assertEquals("RATE_LIMITED", replies.get(2).getJsonObject("error").getString("code"));
        assertEquals(0, caller.runningActions());
    }

    @Test
    void aDeclarationWithTheSameParamTwiceIsRefused() {
        @Action(value = "twice", params = {@Param(name = "a"), @Param(name = "a")})
        final class Twice implements ActionHandler {
            @Override
            public Object run(ActionCall call) {
                return null;
            }
        }
        assertThrows(IllegalStateException.class, () -> ActionDefinition.of(Twice.class));
    }
}
