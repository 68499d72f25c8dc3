package com.example.chat;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The application's own Jakarta REST, under {@code /chat-app/rest}; Switchboard's stays under {@code /chat-app/api}. */
@ApplicationPath("/rest")
public class ChatApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(AboutResource.class);
    }
}
