// The benchmark's overrides of actionhero's defaults: the chat rooms the scenarios use exist at boot
// (actionhero refuses to join a room that was not created), and no log or pid files in the repository.
const os = require("os");
const path = require("path");

const rooms = { fan: {} };
for (let i = 0; i < 200; i++) rooms["r" + i] = {};
for (let i = 0; i < 10; i++) rooms["q" + i] = {};
for (let i = 0; i < 100; i++) rooms["idle" + i] = {};

exports.DEFAULT = {
  general: (config) => ({
    startingChatRooms: rooms,
    paths: { ...config.general.paths, log: [], pid: [path.join(os.tmpdir(), "actionhero-bench-pids")] },
  }),
};
