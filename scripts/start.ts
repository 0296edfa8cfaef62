// `npm start`: everything on one machine. Embedded PostgreSQL (unless DATABASE_URL is set),
// migrations, storage, the session secret, a build when none exists, then the web server and one
// worker. Ctrl-C or SIGTERM stops the web server and worker, then PostgreSQL. `npm run dev`
// (--dev) runs `next dev` instead of a build.
import {
  embeddedPortFromEnv,
  startEmbeddedDatabase,
  type EmbeddedDatabase,
} from './lib/embedded-database';
import { parseConfig } from '@/lib/config';
import {
  buildIfMissing,
  exitText,
  orExit,
  localUrl,
  prepareServices,
  say,
  waitForHttp,
  webSpec,
  workerSpec,
} from './lib/steps';
import { Supervisor } from './lib/supervisor';

async function main(): Promise<void> {
  const began = Date.now();
  const mode = process.argv.includes('--dev') ? 'development' : 'production';
  const config = orExit(() => parseConfig(process.env));
  const embeddedPort = orExit(() => embeddedPortFromEnv(process.env));
  const supervisor = new Supervisor();
  let database: EmbeddedDatabase | undefined;
  let stopping: Promise<void> | undefined;

  // Stops everything once, in order: the users of the database first, the database last.
  const stopAll = (exitCode: number) => {
    stopping ??= (async () => {
      await supervisor.stopAll();
      await database?.server.stop();
      say('stopped');
      process.exit(exitCode);
    })();
    return stopping;
  };
  const stopRequested = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested.signal.aborted) return say(`${signal} again: still stopping, please wait`);
    stopRequested.abort();
    say(`${signal}: stopping the web server and worker, then the database`);
    void stopAll(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      database = await startEmbeddedDatabase(config.dataDir, embeddedPort, say);
      databaseUrl = database.url;
      database.server.onUnexpectedExit((code, signal) => {
        process.stderr.write(`cidra: PostgreSQL exited unexpectedly (${exitText(code, signal)})\n`);
        void stopAll(1);
      });
      const init = database.initialisedMs ? `initialised in ${database.initialisedMs} ms, ` : '';
      say(
        `embedded PostgreSQL on 127.0.0.1:${database.port} (${init}started in ${database.startedMs} ms)`,
      );
    }
    const secret = await prepareServices(config, databaseUrl);
    if (mode === 'production') await buildIfMissing(stopRequested.signal);
    if (stopping) return;

    supervisor.onUnexpectedExit((name, code, signal) => {
      process.stderr.write(`cidra: the ${name} exited unexpectedly (${exitText(code, signal)})\n`);
      void stopAll(1);
    });
    supervisor.start(webSpec(config, databaseUrl, secret, mode));
    supervisor.start(workerSpec(config, databaseUrl));
    await waitForHttp(localUrl(config));
    say(
      `ready in ${((Date.now() - began) / 1000).toFixed(1)} s at ${localUrl(config)} (Ctrl-C stops)`,
    );
  } catch (error) {
    // A stop requested mid-way (Ctrl-C during the build) is not a failure to report.
    if (!stopRequested.signal.aborted) {
      process.stderr.write(`cidra: start-up failed: ${describe(error)}\n`);
    }
    await stopAll(1);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

void main();
