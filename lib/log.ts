// The one structured logger of the web and worker layers: JSON lines on stderr, with levels.
import { getConfig } from './config';

type Level = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose every line carries `fields` (for example `{ jobId }`). */
  child(fields: LogFields): Logger;
}

function serialiseError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    cause: error.cause === undefined ? undefined : serialiseError(error.cause),
  };
}

function minimumLevel(): Level {
  try {
    return getConfig().LOG_LEVEL;
  } catch {
    return 'info';
  }
}

function makeLogger(base: LogFields): Logger {
  const write = (level: Level, message: string, fields: LogFields = {}) => {
    if (rank[level] < rank[minimumLevel()]) return;
    const line: LogFields = { time: new Date().toISOString(), level, message, ...base };
    for (const [key, value] of Object.entries(fields)) {
      line[key] = key === 'error' || key === 'err' ? serialiseError(value) : value;
    }
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => makeLogger({ ...base, ...fields }),
  };
}

/** The root logger. */
export const log: Logger = makeLogger({});
