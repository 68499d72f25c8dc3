// actionhero merges route files by name: the benchmark needs no HTTP routes, but the file must exist.
exports.DEFAULT = {
  routes: () => ({ get: [{ path: "/status", action: "status" }] }),
};
