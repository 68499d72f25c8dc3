// Socket.IO 4 with the benchmark's app: join a room, say to it (to every member, the sender too),
// ask who is in it. WebSocket transport only, no compression: as Switchboard runs.
// node socketio-server.js PORT
const { Server } = require("socket.io");

const port = Number(process.argv[2] || 3000);
const io = new Server(port, { transports: ["websocket"], serveClient: false, perMessageDeflate: false });

io.on("connection", (socket) => {
  socket.on("join", (room, ack) => {
    socket.join(room);
    if (typeof ack === "function") ack({ room, membersCount: io.sockets.adapter.rooms.get(room).size });
  });
  socket.on("say", (message) => {
    if (!message || typeof message.room !== "string" || !socket.rooms.has(message.room)) return;
    io.to(message.room).emit("say", { room: message.room, from: socket.id, message: message.message, sentAt: Date.now() });
  });
  socket.on("view", (room, ack) => {
    const members = io.sockets.adapter.rooms.get(room);
    if (typeof ack === "function") ack({ room, membersCount: members ? members.size : 0, members: members ? [...members] : [] });
  });
});
const version = JSON.parse(require("fs").readFileSync(require.resolve("socket.io").replace(/dist[\\/].*$/, "package.json"))).version;
console.log(`socket.io ${version} listening on ${port}`);
