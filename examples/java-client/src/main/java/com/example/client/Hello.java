package com.example.client;

import dev.switchboard.client.SwitchboardClient;

/** Says hello to a room and prints what the room says: {@code Hello ws://localhost:8080/switchboard/socket ann lobby}. */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) throws Exception {
        String address = args.length > 0 ? args[0] : "ws://localhost:8080/switchboard/socket";
        String user = args.length > 1 ? args[1] : "ann";
        String room = args.length > 2 ? args[2] : "lobby";
        try (SwitchboardClient client = SwitchboardClient.builder(address).build()) {
            client.on("say", data -> System.out.println(data.asJsonObject().getJsonObject("from").getString("user", "?")
                    + ": " + data.asJsonObject().get("message")));
            client.boot();
            client.auth(user).join();
            client.roomAdd(room).join();
            client.say(room, "hello from Java").join();
            System.out.println(client.roomView(room).join());
        }
    }
}
