// Compiled (not run) by `npm run check-types`: the declarations describe the client as the docs use it,
// and refuse what the client does not take.
import { SwitchboardClient, SwitchboardError, Status, REJOINED, type SayEvent, type StatusName } from "../dist/switchboard.mjs";
import Switchboard from "../dist/switchboard.mjs";

const client: SwitchboardClient = new SwitchboardClient(["ws://localhost:8080/switchboard/socket"], {
    backoffFloorMs: 250,
    spoolSize: 100,
});
client.boot();
client.on("say", (event: SayEvent) => {
    const text: string = event.from.user ?? "anonymous";
    console.log(text, event.message, event.position?.offset);
});
client.on("reconnecting", ({ delayMs, address }) => console.log(delayMs.toFixed(0), address.toUpperCase()));
client.on(REJOINED, (joined) => console.log(joined.recovered === false ? joined.reason : joined.membersCount));
client.on("custom-application-event", (data) => console.log(data));

async function chat(): Promise<void> {
    const me = await client.auth("ann");
    const name: string | null = me.user;
    const joined = await client.roomAdd("lobby", { epoch: "n1", offset: 3 });
    const count: number = joined.membersCount;
    const sent = await client.say("lobby", { any: ["json", 1, true, null] });
    const view = await client.roomView("lobby");
    const ids: string[] = view.members.map((m) => m.id);
    const echoed = await client.action<{ echo: string }>("echo", { text: "hi" });
    try {
        await client.call("say", { room: "lobby", message: "x" }, { timeoutMs: 1000, force: true });
    } catch (e) {
        if (e instanceof SwitchboardError) {
            console.log(e.code, e.method);
        }
    }
    const status: StatusName = client.status;
    console.log(name, count, sent.messageId, ids, echoed.echo, status === Status.CONNECTED);
}
void chat();

// the classic script's global has the same shape
const fromGlobal: typeof Switchboard = globalThis.Switchboard;
console.log(new fromGlobal.SwitchboardClient("/switchboard/socket").isConnected());

// @ts-expect-error: a room is a string
client.roomAdd(42);
// @ts-expect-error: options are checked
new SwitchboardClient("ws://x", { spoolSize: "many" });
