import { loggedUrl } from './logged-url.js';

describe('loggedUrl', () => {
  it.each([
    ['/api/v1/moderation/queue?status=spam&email=ayu%40example.org', '/api/v1/moderation/queue?status=spam&email=[hidden]'],
    ['/api/v1/moderation/queue?%65mail=ayu%40example.org&%71=casino', '/api/v1/moderation/queue?email=[hidden]&q=[hidden]'],
    ['/api/v1/moderation/articles?Q=budget&q=x&q=y', '/api/v1/moderation/articles?Q=[hidden]&q=[hidden]&q=[hidden]'],
    ['/api/v1/threads?site=demo&url=https%3A%2F%2Fnews.example%2Fa', '/api/v1/threads?site=demo&url=https%3A%2F%2Fnews.example%2Fa'],
    ['/health', '/health'],
  ])('hides the private values of %s once decoded as Express decodes them', (url, logged) => {
    expect(loggedUrl(url)).toBe(logged);
  });
});
