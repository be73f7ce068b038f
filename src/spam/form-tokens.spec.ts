import type { KolomConfig } from '../config/config.js';
import { SecretsService } from '../secrets/secrets.service.js';
import { FormTokens } from './form-tokens.js';

async function formTokens(secret: string): Promise<FormTokens> {
  // With KOLOM_SECRET set the secrets service never reads the database.
  const secrets = new SecretsService({ secret } as KolomConfig, undefined as never);
  await secrets.onModuleInit();
  return new FormTokens(secrets);
}

describe('form tokens', () => {
  const issuedAt = Date.UTC(2026, 10, 25, 12, 0, 0);

  it('tell how long ago the form was handed out', async () => {
    const tokens = await formTokens('k'.repeat(32));
    const token = tokens.issue(1, 42, issuedAt);
    expect(tokens.check(token, 1, 42, issuedAt + 7_000)).toEqual({ valid: true, ageSeconds: 7 });
  });

  it('differ for two readers who load the page in the same second', async () => {
    const tokens = await formTokens('k'.repeat(32));
    expect(tokens.issue(1, 42, issuedAt)).not.toBe(tokens.issue(1, 42, issuedAt));
  });

  it('handed out before they carried a random part stay good for their day', async () => {
    const secrets = new SecretsService({ secret: 'k'.repeat(32) } as KolomConfig, undefined as never);
    await secrets.onModuleInit();
    const seconds = issuedAt / 1000;
    const legacy = `42.${seconds}.${secrets.mac('form-token', `1:42:${seconds}`)}`;
    expect(new FormTokens(secrets).check(legacy, 1, 42, issuedAt + 5_000)).toEqual({ valid: true, ageSeconds: 5 });
  });

  it('are bound to their site and article', async () => {
    const tokens = await formTokens('k'.repeat(32));
    const token = tokens.issue(1, 42, issuedAt);
    expect(tokens.check(token, 2, 42, issuedAt).valid).toBe(false);
    expect(tokens.check(token, 1, 43, issuedAt).valid).toBe(false);
  });

  it('cannot be forged, altered or reused after a day', async () => {
    const tokens = await formTokens('k'.repeat(32));
    const other = await formTokens('o'.repeat(32));
    const token = tokens.issue(1, 42, issuedAt);
    const [article, issued, nonce, mac] = token.split('.');
    expect(tokens.check(other.issue(1, 42, issuedAt), 1, 42, issuedAt).valid).toBe(false);
    expect(tokens.check(`${article}.${Number(issued) - 60}.${nonce}.${mac}`, 1, 42, issuedAt).valid).toBe(false);
    expect(tokens.check(`${article}.${issued}.${nonce}x.${mac}`, 1, 42, issuedAt).valid).toBe(false);
    expect(tokens.check(`${article}.${issued}.${mac}`, 1, 42, issuedAt).valid).toBe(false);
    expect(tokens.check(token, 1, 42, issuedAt + 86_401_000)).toEqual({ valid: false, ageSeconds: null });
    expect(tokens.check(undefined, 1, 42, issuedAt).valid).toBe(false);
    expect(tokens.check('garbage', 1, 42, issuedAt).valid).toBe(false);
  });
});
