import 'reflect-metadata';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  type ValidationOptions,
  validateSync,
} from 'class-validator';

const AKISMET_URL = 'https://rest.akismet.com';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** What the Redis client will accept: checked here so that a typo stops the start, not a later connect. */
function IsRedisUrl(options: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isRedisUrl',
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'string' || /\s/.test(value)) return false;
          try {
            const url = new URL(value);
            return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '' && /^(\/\d*)?$/.test(url.pathname);
          } catch {
            return false;
          }
        },
      },
    },
    options,
  );
}

/** Express's names for the private ranges a proxy may sit in. */
const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** A proxy's address, a CIDR range of them, or one of Express's named ranges. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_PROXY_RANGES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * `true` would believe the left-most X-Forwarded-For entry, which any client writes: only a hop
 * count or the proxies' own addresses say which entry a trusted proxy added.
 */
function IsTrustedProxies(options: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isTrustedProxies',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && (/^\d{1,2}$/.test(value) || value === 'false' || value.split(',').every((e) => isProxyAddress(e.trim()))),
        defaultMessage: (args) =>
          args?.value === 'true'
            ? "must not be true (that believes any client's X-Forwarded-For): set the number of proxies in front of Kolom (e.g. 1) or their addresses"
            : "must be the number of proxy hops to trust (e.g. 1), or a comma-separated list of the proxies' addresses or CIDR ranges (loopback, linklocal and uniquelocal name the private ranges)",
      },
    },
    options,
  );
}

/**
 * The environment Kolom reads, and the rules each variable must follow. This is the only place
 * that looks at process.env: everything else receives a typed KolomConfig.
 */
class EnvironmentVariables {
  @Transform(toInt)
  @IsInt({ message: 'must be a port number between 0 and 65535' })
  @Min(0, { message: 'must be a port number between 0 and 65535' })
  @Max(65535, { message: 'must be a port number between 0 and 65535' })
  PORT: number = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  HOST?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number between 1 and 100' })
  @Min(1, { message: 'must be a whole number between 1 and 100' })
  @Max(100, { message: 'must be a whole number between 1 and 100' })
  DATABASE_POOL_SIZE: number = 10;

  @IsString()
  @MinLength(1, { message: 'must name a folder' })
  DATA_DIR: string = './data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsRedisUrl({ message: 'must be a redis:// or rediss:// URL with a host, such as redis://cache:6379' })
  REDIS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9:_.-]{0,63}$/, { message: 'must be 1 to 64 letters, digits, colons, dots, dashes or underscores' })
  REDIS_PREFIX: string = 'kolom';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL such as https://comments.example.com' },
  )
  PUBLIC_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsTrustedProxies({})
  TRUST_PROXY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (try: openssl rand -hex 32)' })
  @MaxLength(512)
  KOLOM_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'must be an Akismet API key (letters, digits, dashes or underscores, up to 100)' })
  AKISMET_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL such as https://rest.akismet.com' })
  AKISMET_URL?: string = AKISMET_URL;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of milliseconds between 100 and 10000' })
  @Min(100, { message: 'must be a whole number of milliseconds between 100 and 10000' })
  @Max(10000, { message: 'must be a whole number of milliseconds between 100 and 10000' })
  AKISMET_TIMEOUT_MS: number = 1500;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of connections (0: no limit)' })
  @Min(0, { message: 'must be a whole number of connections (0: no limit)' })
  LIVE_CONNECTIONS_PER_ADDRESS: number = 200;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  AKISMET_TEST: string = 'false';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'must be an email address' })
  ADMIN_EMAIL: string = 'admin@localhost';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL, such as smtp://user:password@mail.example:587' })
  SMTP_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'must be an address, or a name and an address: Kolom <comments@news.example>',
  })
  MAIL_FROM?: string;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds between 1 and 3600' })
  @Min(1, { message: 'must be a whole number of seconds between 1 and 3600' })
  @Max(3600, { message: 'must be a whole number of seconds between 1 and 3600' })
  MAIL_RETRY_SECONDS: number = 30;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds between 0 and 3600' })
  @Min(0, { message: 'must be a whole number of seconds between 0 and 3600' })
  @Max(3600, { message: 'must be a whole number of seconds between 0 and 3600' })
  THREAD_MAX_AGE: number = 5;

  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'must be a port number between 1 and 65535' })
  @Min(1, { message: 'must be a port number between 1 and 65535' })
  @Max(65535, { message: 'must be a port number between 1 and 65535' })
  METRICS_PORT?: number;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  METRICS_HOST: string = '127.0.0.1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^(auto|[1-9]\d{0,2})$/, { message: 'must be a number of processes (1 or more) or auto (one per CPU)' })
  KOLOM_WORKERS?: string;

  /** Set by the primary on the workers it forks (see src/workers/primary.ts), never by hand. */
  @Transform(toInt)
  @IsOptional()
  @IsInt({ message: 'is set by Kolom itself on its worker processes: unset it' })
  @Min(1, { message: 'is set by Kolom itself on its worker processes: unset it' })
  KOLOM_WORKER?: number;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  LOG_LEVEL: string = 'info';

  @IsIn(['development', 'production', 'test'], { message: 'must be development, production or test' })
  NODE_ENV: string = 'development';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'], { message: 'must be true or false (or 1 or 0)' })
  KOLOM_DEMO?: string;
}

const VARIABLES = [
  'PORT',
  'HOST',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'DATA_DIR',
  'REDIS_URL',
  'REDIS_PREFIX',
  'PUBLIC_URL',
  'TRUST_PROXY',
  'KOLOM_SECRET',
  'AKISMET_KEY',
  'AKISMET_URL',
  'AKISMET_TIMEOUT_MS',
  'LIVE_CONNECTIONS_PER_ADDRESS',
  'AKISMET_TEST',
  'ADMIN_EMAIL',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_RETRY_SECONDS',
  'THREAD_MAX_AGE',
  'METRICS_PORT',
  'METRICS_HOST',
  'KOLOM_WORKERS',
  'KOLOM_WORKER',
  'LOG_LEVEL',
  'NODE_ENV',
  'KOLOM_DEMO',
] as const;
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'KOLOM_SECRET', 'REDIS_URL', 'AKISMET_KEY', 'SMTP_URL']);

export interface KolomConfig {
  port: number;
  host: string | undefined;
  /** A real PostgreSQL; when absent Kolom runs its embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  redisUrl: string | undefined;
  /** Names Kolom's streams, channels and keys in Redis: deployments sharing one Redis need their own. */
  redisPrefix: string;
  /** Where readers reach Kolom; also the origin the demo site allows. */
  publicUrl: string;
  /** Express's `trust proxy`: false (the socket's address is the client's), a hop count, or the proxies' addresses. */
  trustProxy: false | number | string[];
  /** Signs form and edit tokens. Absent: one is generated once and kept in the database. */
  secret: string | undefined;
  /** Unset: the Akismet check is off and nothing is sent to Akismet. */
  akismetKey: string | undefined;
  /** Akismet's REST root, without a trailing slash; tests point it at a local fake. */
  akismetUrl: string;
  akismetTimeoutMs: number;
  /** Live connections one client address may hold on a node; 0: no limit. */
  liveConnectionsPerAddress: number;
  /** Sends is_test=1, so Akismet does not learn from the comments (staging, tests). */
  akismetTest: boolean;
  /** The first admin's email, created with a generated password on the first start. */
  adminEmail: string;
  /** Unset: Kolom sends no email at all, and the form offers no reply emails. */
  mail: MailConfig | undefined;
  /** How long browsers and CDNs may keep a thread page before asking again (seconds; 0: always ask). */
  threadMaxAge: number;
  /** Prometheus metrics on a port of their own (never the public one); unset: off. */
  metrics: { port: number; host: string } | undefined;
  /**
   * Processes serving the port (KOLOM_WORKERS): above 1, a primary process forks that many workers,
   * each a whole Kolom node. Always 1 on the embedded database.
   */
  workers: number;
  /** Which of the primary's workers this process is (1…workers); undefined in a single process or the primary. */
  worker: number | undefined;
  logLevel: string;
  env: 'development' | 'production' | 'test';
  /**
   * The demo site and its article at `/`: a public comment form on the comments host, welcome on a
   * newcomer's laptop and not on a newsroom's server. KOLOM_DEMO decides; unset, on except in production.
   */
  demo: boolean;
}

export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** The first retry's delay after a failed send; each later one doubles it, up to an hour. */
  retrySeconds: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once, naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): KolomConfig {
  const raw = Object.fromEntries(VARIABLES.filter((key) => env[key] !== undefined).map((key) => [key, env[key]]));
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { skipMissingProperties: false });
  const problems = errors.map((e) => {
    // Connection URLs carry passwords: name the variable, never echo its value.
    const shown = SECRET_VARIABLES.has(e.property) ? 'value hidden' : `got ${JSON.stringify(e.value)}`;
    return `${e.property} ${Object.values(e.constraints ?? {})[0] ?? 'is invalid'} (${shown})`;
  });
  if (vars.SMTP_URL && !vars.MAIL_FROM && !errors.some((e) => e.property === 'MAIL_FROM')) {
    problems.push('MAIL_FROM must be set with SMTP_URL: the address mail is sent from, such as Kolom <comments@news.example>');
  }
  const workers = errors.some((e) => e.property === 'KOLOM_WORKERS') ? 1 : workerCount(vars);
  if (typeof workers === 'string') problems.push(workers);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: vars.PORT,
    host: vars.HOST,
    databaseUrl: vars.DATABASE_URL,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    dataDir: vars.DATA_DIR,
    redisUrl: vars.REDIS_URL,
    redisPrefix: vars.REDIS_PREFIX,
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    secret: vars.KOLOM_SECRET,
    akismetKey: vars.AKISMET_KEY,
    akismetUrl: (vars.AKISMET_URL ?? AKISMET_URL).replace(/\/+$/, ''),
    akismetTimeoutMs: vars.AKISMET_TIMEOUT_MS,
    liveConnectionsPerAddress: vars.LIVE_CONNECTIONS_PER_ADDRESS,
    akismetTest: vars.AKISMET_TEST === 'true',
    adminEmail: (vars.ADMIN_EMAIL ?? 'admin@localhost').toLowerCase(),
    threadMaxAge: vars.THREAD_MAX_AGE,
    metrics: vars.METRICS_PORT === undefined ? undefined : { port: vars.METRICS_PORT, host: vars.METRICS_HOST },
    mail: vars.SMTP_URL && vars.MAIL_FROM ? { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM, retrySeconds: vars.MAIL_RETRY_SECONDS } : undefined,
    workers: workers as number,
    worker: vars.KOLOM_WORKER,
    logLevel: vars.LOG_LEVEL,
    env: vars.NODE_ENV as KolomConfig['env'],
    demo: vars.KOLOM_DEMO === undefined ? vars.NODE_ENV !== 'production' : vars.KOLOM_DEMO === 'true' || vars.KOLOM_DEMO === '1',
  };
}

/**
 * KOLOM_WORKERS, or what a newsroom would expect without it: every core busy in production on
 * PostgreSQL, one process in development (one log, one debugger). The embedded database has a
 * single session that one process holds, so more than one there is refused rather than quietly
 * ignored: an operator who asked for eight processes should not find out from a slow site.
 * A string is the problem to report.
 */
function workerCount(vars: EnvironmentVariables): number | string {
  const asked = vars.KOLOM_WORKERS;
  if (!vars.DATABASE_URL) {
    if (asked === undefined || asked === 'auto' || asked === '1') return 1;
    return `KOLOM_WORKERS=${asked} needs DATABASE_URL: the embedded database (PGlite) has one session, which one process holds. Set DATABASE_URL to a PostgreSQL server, or unset KOLOM_WORKERS`;
  }
  if (asked === 'auto' || (asked === undefined && vars.NODE_ENV === 'production')) return availableParallelism();
  return asked === undefined ? 1 : Number(asked);
}

function parseTrustProxy(value: string | undefined): KolomConfig['trustProxy'] {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}
