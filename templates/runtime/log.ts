// Structured JSON logging: one object per line so log shippers can parse it without configuration.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
}

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

// Compared after lower-casing and dropping "-"/"_", so "X-Api-Key", "api_key" and "apiKey" all match.
const SECRET_KEYS = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'password',
  'token',
  'apikey',
  'xapikey',
  'secret',
]);
const SECRET_SUFFIXES = ['password', 'secret', 'token', 'apikey'];
const RESERVED_KEYS = new Set(['level', 'time', 'msg']);
const MAX_DEPTH = 8;
export const REDACTED = '***';

// Field names come from code, so a few dozen distinct ones: each is classified once.
const secretKeyCache = new Map<string, boolean>();
const MAX_CACHED_KEYS = 1024;

export function isSecretKey(key: string): boolean {
  const cached = secretKeyCache.get(key);
  if (cached !== undefined) return cached;
  const normalised = key.toLowerCase().replace(/[-_]/g, '');
  const secret = SECRET_KEYS.has(normalised) || SECRET_SUFFIXES.some((suffix) => normalised.endsWith(suffix));
  if (secretKeyCache.size < MAX_CACHED_KEYS) secretKeyCache.set(key, secret);
  return secret;
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(LEVEL_ORDER, value);
}

/** Parses a LOG_LEVEL-style value; unknown values fall back rather than stopping the service. */
export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  const normalised = value?.trim().toLowerCase();
  return isLogLevel(normalised) ? normalised : fallback;
}

/** Copies a value for logging: secrets masked, errors made serialisable, cycles and depth bounded. */
export function redactValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) {
    // JSON.stringify(new Error()) is "{}", so the useful parts are copied explicitly.
    return { name: value.name, message: value.message, stack: value.stack };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) ? REDACTED : redactValue(item, depth + 1, seen);
  }
  return copy;
}

function formatLine(level: LogLevel, msg: string, fields: LogFields | undefined): string {
  const entry: Record<string, unknown> = { level, time: new Date().toISOString(), msg };
  if (fields === undefined) return JSON.stringify(entry);
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    // A field must never overwrite the envelope, or log queries on level/time would lie.
    const safeKey = RESERVED_KEYS.has(key) ? `field.${key}` : key;
    // Scalars (most fields) are taken as they are, without redactValue's bookkeeping.
    entry[safeKey] = isSecretKey(key) ? REDACTED : typeof value === 'object' || typeof value === 'bigint' ? redactValue(value, 1) : value;
  }
  return JSON.stringify(entry);
}

// stdout is written once per event-loop turn, not once per line: a busy service logs a line per
// request, and each write is a system call. What is pending is written when the process exits
// (process.exit, the end of the event loop, an uncaught exception) and once it passes 64 KiB.
const MAX_PENDING_CHARS = 64 * 1024;
let pending = '';
let flushScheduled = false;
let exitHooked = false;

/** Writes the log lines not yet written to stdout (the default writer batches them per event-loop turn). */
export function flushLog(): void {
  flushScheduled = false;
  if (pending === '') return;
  const text = pending;
  pending = '';
  try {
    process.stdout.write(text);
  } catch {
    // A closed stdout (EPIPE) must not take the service down with it.
  }
}

function defaultWrite(line: string): void {
  pending += `${line}\n`;
  if (pending.length >= MAX_PENDING_CHARS) return flushLog();
  if (!exitHooked) {
    exitHooked = true;
    process.once('exit', flushLog);
  }
  if (flushScheduled) return;
  flushScheduled = true;
  // Unref'd: pending lines never keep the process alive, the exit hook writes them.
  setImmediate(flushLog).unref();
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVEL_ORDER[options.level ?? 'info'];
  const write = options.write ?? defaultWrite;
  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (LEVEL_ORDER[level] < threshold) return;
    write(formatLine(level, msg, fields));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

const noop = (): void => {};

export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
