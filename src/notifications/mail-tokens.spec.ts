import type { KolomConfig } from '../config/config.js';
import type { InstanceSecret } from '../secrets/instance-secret.entity.js';
import { SecretsService } from '../secrets/secrets.service.js';
import type { Repository } from 'typeorm';
import { MailTokens } from './mail-tokens.js';

describe('the tokens in emailed links', () => {
  let tokens: MailTokens;

  beforeAll(async () => {
    // A configured secret: the stored one (the repository) is never read.
    const secrets = new SecretsService({ secret: 'a-secret-of-at-least-thirty-two-characters' } as KolomConfig, null as unknown as Repository<InstanceSecret>);
    await secrets.onModuleInit();
    tokens = new MailTokens(secrets);
  });

  it('carry ids and a nonce, never an address, and come back as issued', () => {
    const token = tokens.issue({ purpose: 'confirm', address: 7, comment: 42 });
    expect(Buffer.from(token.split('.')[0], 'base64url').toString()).not.toContain('@');
    expect(tokens.check(token, ['confirm'])).toMatchObject({ purpose: 'confirm', address: 7, comment: 42 });
  });

  it('are good for their own purpose only: an unsubscribe link cannot erase', () => {
    const token = tokens.issue({ purpose: 'unsubscribe-site', address: 7 });
    expect(tokens.check(token, ['erase'])).toBeNull();
    expect(tokens.check(token, ['unsubscribe-thread', 'unsubscribe-site'])).not.toBeNull();
  });

  it('refuse a changed claim, a changed signature, odd shapes and expired tokens', () => {
    const token = tokens.issue({ purpose: 'export', address: 7 });
    const [claims, mac] = token.split('.');
    const other = Buffer.from(Buffer.from(claims, 'base64url').toString().replace('"a":7', '"a":8')).toString('base64url');
    expect(tokens.check(`${other}.${mac}`, ['export'])).toBeNull();
    expect(tokens.check(`${claims}.${mac.slice(1)}x`, ['export'])).toBeNull();
    for (const odd of [undefined, 7, '', '.', 'a.b.c', `${claims}.${mac}.x`, 'x'.repeat(500)]) expect(tokens.check(odd, ['export'])).toBeNull();
    const dayAndASecond = 86_401_000;
    expect(tokens.check(token, ['export'], Date.now() + dayAndASecond)).toBeNull();
  });

  it('give each link its own nonce, so spending one confirmation spends no other', () => {
    const first = tokens.check(tokens.issue({ purpose: 'confirm', address: 7, comment: 1 }), ['confirm']);
    const second = tokens.check(tokens.issue({ purpose: 'confirm', address: 7, comment: 1 }), ['confirm']);
    expect(first?.nonce).not.toBe(second?.nonce);
  });
});
