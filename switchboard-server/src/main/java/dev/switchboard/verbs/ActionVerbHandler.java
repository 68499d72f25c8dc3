package dev.switchboard.verbs;

import dev.switchboard.actions.ActionCall;
import dev.switchboard.actions.ActionDefinition;
import dev.switchboard.actions.ActionFailedException;
import dev.switchboard.actions.ActionHandler;
import dev.switchboard.actions.Actions;
import dev.switchboard.config.ActionSettings;
import dev.switchboard.protocol.ErrorCode;
import dev.switchboard.protocol.FrameException;
import dev.switchboard.protocol.SwitchboardFailure;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code action {action, params}}: checks the params against the action's declaration, runs it on the
 * server's managed executor — at most {@code switchboard.actions.maxPending} at once per connection,
 * beyond that {@code RATE_LIMITED} — and replies with what it returns.
 */
@ApplicationScoped
@AnswersAtOnce
@Handles("action")
public class ActionVerbHandler implements VerbHandler {

    private static final Logger LOG = System.getLogger(ActionVerbHandler.class.getName());

    @Resource
    ManagedExecutorService managedExecutor;

    private Actions actions;
    private int maxPending;
    private Executor executor;

    /** For the container's proxy. */
    protected ActionVerbHandler() {
    }

    @Inject
    public ActionVerbHandler(Actions actions, ActionSettings settings) {
        this(actions, settings.maxPending(), null);
    }

    /** A handler that runs actions on the given executor, for tests. */
    public ActionVerbHandler(Actions actions, int maxPending, Executor executor) {
        this.actions = actions;
        this.maxPending = maxPending;
        this.executor = executor;
    }

    @Override
    public CompletionStage<Object> handle(Caller caller, Params params) {
        String name = params.string("action");
        ActionDefinition definition = actions.definition(name).orElseThrow(() -> new CallException(ErrorCode.NOT_FOUND,
                "unknown action '" + name + "'; expected one of " + actions.names()));
        JsonObject checked;
        try {
            checked = definition.check(params.optionalObject("params"));
        } catch (IllegalArgumentException e) {
            throw new BadParamsException(e.getMessage());
        }
        if (!caller.startAction(maxPending)) {
            throw new CallException(ErrorCode.RATE_LIMITED, "at most " + maxPending
                    + " actions may run at once per connection; wait for a reply");
        }
        ActionCall call = new ActionCall(name, checked, caller.id(), caller.user(), caller.roles());
        ActionHandler handler = actions.handler(name);
        CompletableFuture<Object> result;
        try {
            result = CompletableFuture.supplyAsync(() -> run(handler, call), executor())
                    .thenCompose(value -> value instanceof CompletionStage<?> stage
                            ? stage.thenApply(Object.class::cast) : CompletableFuture.completedFuture(value));
        } catch (RejectedExecutionException e) {
            caller.actionEnded();
            throw new CallException(ErrorCode.UNAVAILABLE, "the server cannot run actions now; try again");
        }
        return result.handle((value, failure) -> {
            caller.actionEnded();
            if (failure == null) {
                return value;
            }
            throw new CompletionException(translate(name, failure));
        });
    }

    private static Object run(ActionHandler handler, ActionCall call) {
        try {
            return handler.run(call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * An action's own failure is {@code ACTION_FAILED}; what the server's side threw — any {@link SwitchboardFailure}: a
     * refusal, a cluster outage, a position that never came — goes on as it is, to be answered by the dispatcher as on
     * any other path ({@link CallFailure}). A {@code FrameException} here is no failure of the client's frame: a bug.
     */
    private static RuntimeException translate(String name, Throwable failure) {
        Throwable cause = CallFailure.unwrap(failure);
        if (cause instanceof ActionFailedException e) {
            return new CallException(ErrorCode.ACTION_FAILED, e.getMessage());
        }
        if (cause instanceof SwitchboardFailure known && !(cause instanceof FrameException)) {
            return known; // a refusal, a cluster outage, a position that never came: what it is on every other path
        }
        LOG.log(Level.WARNING, "Action " + name + " failed", cause);
        return new CallException(ErrorCode.ACTION_FAILED, "action '" + name + "' failed");
    }

    private Executor executor() {
        return executor != null ? executor : managedExecutor;
    }
}
