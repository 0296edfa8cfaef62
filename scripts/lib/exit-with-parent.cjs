// Preloaded (node --require) into the web server and worker that a start script spawns: when the
// start script dies without stopping them (SIGKILL, crash), their IPC channel closes and they stop
// themselves with SIGTERM, their normal graceful path, instead of living on as orphans.
if (process.channel) {
  process.channel.unref();
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
