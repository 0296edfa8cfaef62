// The database `npm start` runs when DATABASE_URL is unset: embedded PostgreSQL in DATA_DIR.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '@/lib/config';
import { freePort, portInUse } from './ports';
import { EmbeddedPostgres, stopLeftoverServer } from './postgres';

const defaultPort = 5432;
const databaseName = 'cidra';

const portSchema = z.coerce.number().int().min(1).max(65535);

/** EMBEDDED_PG_PORT, validated like the rest of the configuration. */
export function embeddedPortFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.EMBEDDED_PG_PORT?.trim();
  if (!raw) return undefined;
  const parsed = portSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid configuration:\n  EMBEDDED_PG_PORT: '${raw}' is not a port number (1-65535)`,
    );
  }
  return parsed.data;
}

export interface EmbeddedDatabase {
  server: EmbeddedPostgres;
  url: string;
  port: number;
  /** Set when this start created the cluster. */
  initialisedMs?: number;
  startedMs: number;
}

/**
 * Starts PostgreSQL with its cluster in DATA_DIR/postgres (created on first run, kept after) and
 * its log in DATA_DIR/postgres.log, then creates the app's database when missing.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  requestedPort: number | undefined,
  onLog: (line: string) => void,
): Promise<EmbeddedDatabase> {
  await fs.mkdir(dataDir, { recursive: true });
  await stopLeftoverServer(path.join(dataDir, 'postgres'), onLog);
  const port = await choosePort(requestedPort, onLog);
  const logFile = createWriteStream(path.join(dataDir, 'postgres.log'), { flags: 'a' });
  const server = new EmbeddedPostgres({
    dataDir: path.join(dataDir, 'postgres'),
    port,
    password: await databasePassword(dataDir),
    // Own process group: Ctrl-C reaches the start script, which stops PostgreSQL last.
    detached: true,
    onLog: (line) => {
      logFile.write(`${line}\n`);
      if (line.startsWith('made ') || line.startsWith('stopping ')) onLog(line);
    },
  });
  const { initialisedMs, startedMs } = await server.start();
  await server.createDatabase(databaseName);
  return { server, url: server.url(databaseName), port, initialisedMs, startedMs };
}

async function choosePort(requested: number | undefined, onLog: (line: string) => void) {
  if (requested !== undefined) {
    if (await portInUse(requested)) {
      throw new ConfigError(
        `Invalid configuration:\n  EMBEDDED_PG_PORT: port ${requested} is already in use`,
      );
    }
    return requested;
  }
  if (!(await portInUse(defaultPort))) return defaultPort;
  const port = await freePort();
  onLog(`port ${defaultPort} is in use; embedded PostgreSQL listens on ${port} instead`);
  return port;
}

/** The superuser password, generated on first run into DATA_DIR/postgres-password (mode 600). */
async function databasePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'postgres-password');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}
