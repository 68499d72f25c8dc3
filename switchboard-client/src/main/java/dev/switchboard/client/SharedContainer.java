package dev.switchboard.client;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;

/** One WebSocket client container per class loader: each container has its own threads. */
final class SharedContainer {

    private static volatile WebSocketContainer container;

    private SharedContainer() {
    }

    static WebSocketContainer get() {
        WebSocketContainer shared = container;
        if (shared == null) {
            synchronized (SharedContainer.class) {
                shared = container;
                if (shared == null) {
                    shared = ContainerProvider.getWebSocketContainer();
                    container = shared;
                }
            }
        }
        return shared;
    }
}
