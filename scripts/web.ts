// `npm run web`: the web server alone, against an external DATABASE_URL (and S3), for running
// several web servers behind a load balancer. Start workers with `npm run worker`.
import { ConfigError, parseConfig } from '@/lib/config';
import { buildIfMissing, orExit, prepareServices, say, webSpec } from './lib/steps';
import { Supervisor } from './lib/supervisor';

async function main(): Promise<void> {
  const config = orExit(() => {
    const parsed = parseConfig(process.env);
    if (parsed.DATABASE_URL) return parsed;
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_URL: required by `npm run web` (`npm start` embeds one)',
    );
  });
  const databaseUrl = config.DATABASE_URL!;
  if (!config.NEXTAUTH_SECRET) {
    say('NEXTAUTH_SECRET is unset: using DATA_DIR/secret; every web server needs the same secret');
  }
  const secret = await prepareServices(config, databaseUrl);
  await buildIfMissing();

  const supervisor = new Supervisor();
  const stop = (code: number) => supervisor.stopAll().then(() => process.exit(code));
  supervisor.onUnexpectedExit((_name, code) => process.exit(code ?? 1));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => void stop(0));
  }
  supervisor.start(webSpec(config, databaseUrl, secret));
  say(`web server starting on http://${config.HOST}:${config.PORT}`);
}

main().catch((error) => {
  process.stderr.write(
    `cidra: start-up failed: ${error instanceof Error ? error.message : error}\n`,
  );
  process.exit(1);
});
