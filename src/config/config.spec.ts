import { availableParallelism } from 'node:os';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('defaults to port 3000, the embedded database in ./data and a single node', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      redisUrl: undefined,
      publicUrl: 'http://localhost:3000',
      trustProxy: false,
    });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://kolom:pw@db:5432/kolom',
      DATABASE_POOL_SIZE: '20',
      REDIS_URL: 'rediss://:secret@cache:6380/2',
      PUBLIC_URL: 'https://comments.example.com/',
      TRUST_PROXY: '1',
      KOLOM_SECRET: 'x'.repeat(32),
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://kolom:pw@db:5432/kolom',
      databasePoolSize: 20,
      redisUrl: 'rediss://:secret@cache:6380/2',
      publicUrl: 'https://comments.example.com',
      trustProxy: 1,
      secret: 'x'.repeat(32),
    });
  });

  it('leaves Akismet off by default, pointed at Akismet itself', () => {
    expect(loadConfig({})).toMatchObject({
      akismetKey: undefined,
      akismetUrl: 'https://rest.akismet.com',
      akismetTimeoutMs: 1500,
      liveConnectionsPerAddress: 200,
      akismetTest: false,
    });
    expect(loadConfig({ AKISMET_KEY: '', AKISMET_URL: '', AKISMET_TEST: '' })).toMatchObject({
      akismetKey: undefined,
      akismetUrl: 'https://rest.akismet.com',
      akismetTest: false,
    });
  });

  it('reads the Akismet variables', () => {
    expect(loadConfig({ AKISMET_KEY: 'abc123def456', AKISMET_URL: 'http://127.0.0.1:8125/', AKISMET_TIMEOUT_MS: '300', AKISMET_TEST: 'true' })).toMatchObject({
      akismetKey: 'abc123def456',
      akismetUrl: 'http://127.0.0.1:8125',
      akismetTimeoutMs: 300,
      akismetTest: true,
    });
    expect(loadConfig({ AKISMET_TEST: 'false', AKISMET_TIMEOUT_MS: '10000' })).toMatchObject({ akismetTest: false, akismetTimeoutMs: 10000 });
  });

  it.each([
    ['AKISMET_KEY', 'has spaces in it', /AKISMET_KEY must be an Akismet API key/],
    ['AKISMET_URL', 'rest.akismet.com', /AKISMET_URL must be an http\(s\) URL/],
    ['AKISMET_URL', 'ftp://rest.akismet.com', /AKISMET_URL must be an http\(s\) URL/],
    ['AKISMET_TIMEOUT_MS', '99', /AKISMET_TIMEOUT_MS must be a whole number of milliseconds between 100 and 10000/],
    ['AKISMET_TIMEOUT_MS', '10001', /AKISMET_TIMEOUT_MS must be a whole number of milliseconds/],
    ['AKISMET_TIMEOUT_MS', '1.5s', /AKISMET_TIMEOUT_MS must be a whole number of milliseconds/],
    ['AKISMET_TEST', 'yes', /AKISMET_TEST must be true or false \(got "yes"\)/],
  ])('names the bad Akismet variable %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('never echoes the Akismet key', () => {
    expect(() => loadConfig({ AKISMET_KEY: 'my secret key' })).toThrow(/AKISMET_KEY .*\(value hidden\)/);
    expect(() => loadConfig({ AKISMET_KEY: 'my secret key' })).not.toThrow(/my secret key/);
  });

  it('refuses TRUST_PROXY=true, which would let any client forge its address in X-Forwarded-For, and says what to set', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY must not be true .*set the number of proxies in front of Kolom/);
  });

  it.each([
    ['1', 1],
    ['2', 2],
    ['false', false],
    ['0', false],
    ['10.0.0.7', ['10.0.0.7']],
    ['10.0.0.0/8, fd00::/8 ,loopback', ['10.0.0.0/8', 'fd00::/8', 'loopback']],
  ])('trusts only the proxies TRUST_PROXY=%s names, by hop count or address', (value, trusted) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(trusted);
  });

  it.each(['10.0.0.0/33', 'proxy.internal', '10.0.0.1/8/2', 'fd00::/129', '1,2', '-1'])(
    'refuses a proxy list that is not addresses (TRUST_PROXY=%s)',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must be the number of proxy hops to trust/);
    },
  );

  it.each([
    ['PORT', 'abc', /PORT must be a port number/],
    ['PORT', '70000', /PORT must be a port number/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL must be a postgres:\/\/ connection URL/],
    ['PUBLIC_URL', 'comments.example.com', /PUBLIC_URL must be an http\(s\) URL/],
    ['TRUST_PROXY', 'maybe', /TRUST_PROXY must be the number of proxy hops/],
    ['KOLOM_SECRET', 'short', /KOLOM_SECRET must be at least 32 characters/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of/],
    ['REDIS_URL', 'cache:6379', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_URL', 'redis://cache:port', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_URL', 'redis://', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_URL', 'redis://cache:6379/db', /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
  ])('names the bad variable %s=%s', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('never echoes a connection URL or secret, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db' })).toThrow(/value hidden/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db' })).not.toThrow(/hunter2/);
  });

  it('starts production without the demo site and article unless KOLOM_DEMO asks for them; elsewhere they stay on', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', KOLOM_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', KOLOM_DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ KOLOM_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ KOLOM_DEMO: 'false' }).demo).toBe(false);
    expect(() => loadConfig({ KOLOM_DEMO: 'yes' })).toThrow(/KOLOM_DEMO must be true or false/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
  });

  describe('KOLOM_WORKERS', () => {
    const postgres = 'postgres://kolom@db:5432/kolom';

    it('runs one process per CPU in production on PostgreSQL, and one in development or on the embedded database', () => {
      expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: postgres }).workers).toBe(availableParallelism());
      expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: postgres }).workers).toBe(1);
      expect(loadConfig({ NODE_ENV: 'production' }).workers).toBe(1);
      expect(loadConfig({ NODE_ENV: 'production', KOLOM_WORKERS: 'auto' }).workers).toBe(1);
    });

    it('takes a number of processes, or auto for one per CPU', () => {
      expect(loadConfig({ DATABASE_URL: postgres, KOLOM_WORKERS: '3' }).workers).toBe(3);
      expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: postgres, KOLOM_WORKERS: '1' }).workers).toBe(1);
      expect(loadConfig({ DATABASE_URL: postgres, KOLOM_WORKERS: 'auto' }).workers).toBe(availableParallelism());
      expect(() => loadConfig({ DATABASE_URL: postgres, KOLOM_WORKERS: '0' })).toThrow(/KOLOM_WORKERS must be a number of processes/);
      expect(() => loadConfig({ DATABASE_URL: postgres, KOLOM_WORKERS: 'many' })).toThrow(/KOLOM_WORKERS must be a number of processes/);
    });

    it('refuses more than one process on the embedded database, which one process holds, and says what to do', () => {
      expect(() => loadConfig({ KOLOM_WORKERS: '4' })).toThrow(ConfigError);
      expect(() => loadConfig({ KOLOM_WORKERS: '4' })).toThrow(/KOLOM_WORKERS=4 needs DATABASE_URL/);
    });
  });
});
