// actionhero 29 with the benchmark's app: its own WebSocket server (Primus on ws) and its built-in
// chat verbs — roomAdd, say, roomView — which is what an actionhero user gets. Chat goes through Redis
// (actionhero's design, even on one node), so bench/run.sh starts a redis-server first.
// node actionhero-server.js PORT [REDIS_PORT]
const path = require("path");

process.env.PORT = process.argv[2] || "3100";
process.env.REDIS_PORT = process.argv[3] || process.env.REDIS_PORT || "6390";
process.env.LOG_LEVEL = process.env.LOG_LEVEL || "warning"; // not a log line per action: generous to the peer
process.env.ACTIONHERO_CONFIG = [
  path.join(path.dirname(require.resolve("actionhero")), "config"), // actionhero's own defaults
  path.join(__dirname, "actionhero-config"), // the rooms and paths of the benchmark
].join(",");

const { Process } = require("actionhero");
const app = new Process();
app.registerProcessSignals((exitCode) => process.exit(exitCode));
app.start().then(() => console.log(`actionhero ${require("actionhero/package.json").version} listening on ${process.env.PORT}`));
