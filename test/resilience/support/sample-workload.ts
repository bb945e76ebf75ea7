import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Outcome, send } from './load';

/** A user of sample-app with an access token, and the writes the API acknowledged to it. */
export class SampleClient {
  /** name → id of every item whose creation was answered 201. */
  readonly acknowledged = new Map<string, string>();
  private seedItemId = '';
  private readonly tag = randomUUID().slice(0, 8);
  /** Makes every write's name unique across scenarios, so a name stored twice is a duplicated write. */
  private sequence = 0;

  private constructor(readonly token: string) {}

  /** Registers and logs in a fresh user on `baseUrl`, and creates one item for the cache-hit reads. */
  static async signUp(baseUrl: string): Promise<SampleClient> {
    const email = `resilience-${randomUUID()}@example.com`;
    const password = 'resilience run password, not a secret';
    const json = { 'content-type': 'application/json' };
    const registered = await send(`${baseUrl}/api/v1/auth/register`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email, password }),
    });
    if (registered.outcome !== 201) throw new Error(`register: ${String(registered.outcome)} ${registered.body}`);
    const login = await send(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email, password }),
    });
    if (login.outcome !== 200) throw new Error(`login: ${String(login.outcome)} ${login.body}`);
    const client = new SampleClient((JSON.parse(login.body ?? '{}') as { accessToken: string }).accessToken);
    const seed = await client.create(baseUrl, 'seed');
    if (seed.outcome !== 201) throw new Error(`seed item: ${String(seed.outcome)}`);
    client.seedItemId = client.acknowledged.get(`${client.tag}-seed-0`) ?? '';
    return client;
  }

  private get headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' };
  }

  async create(baseUrl: string, label: string): Promise<{ outcome: Outcome; body?: string; response?: Response }> {
    const name = `${this.tag}-${label}-${this.sequence++}`;
    const result = await send(`${baseUrl}/api/v1/items`, {
      method: 'POST',
      headers: this.headers,
      body: JSON.stringify({ name, description: 'written under a fault' }),
    });
    if (result.outcome === 201) this.acknowledged.set(name, (JSON.parse(result.body ?? '{}') as { id: string }).id);
    return result;
  }

  /**
   * One create as a careful client makes it: one Idempotency-Key for the operation, each attempt given
   * up after `attemptTimeoutMs` (shorter than the server's own bound, so an attempt can commit after
   * the client stopped waiting), retried after Retry-After (else 200 ms) until a 201 or `deadlineMs`.
   * `firstAttemptTimeoutMs` gives up the first attempt sooner than the server can answer, so its write
   * usually commits unseen: the phantom write a retry without the key would double.
   * Returns the final outcome and what the attempts came to ("503", "timeout", "201", "201 replayed").
   */
  async createIdempotently(
    baseUrl: string,
    label: string,
    options: { readonly firstAttemptTimeoutMs: number; readonly attemptTimeoutMs: number; readonly deadlineMs: number },
  ): Promise<{ outcome: Outcome; attempts: string[] }> {
    const { firstAttemptTimeoutMs, attemptTimeoutMs, deadlineMs } = options;
    const name = `${this.tag}-${label}-${this.sequence++}`;
    const headers = { ...this.headers, 'idempotency-key': randomUUID() };
    const body = JSON.stringify({ name, description: 'retried with one Idempotency-Key' });
    const attempts: string[] = [];
    const giveUpAt = Date.now() + deadlineMs;
    let outcome: Outcome = 'timeout';
    while (Date.now() < giveUpAt) {
      const timeoutMs = attempts.length === 0 ? firstAttemptTimeoutMs : attemptTimeoutMs;
      const result = await send(`${baseUrl}/api/v1/items`, { method: 'POST', headers, body }, timeoutMs);
      outcome = result.outcome;
      const replayed = result.response?.headers.get('idempotent-replayed') === 'true';
      attempts.push(`${String(outcome)}${replayed ? ' replayed' : ''}`);
      if (outcome === 201) {
        this.acknowledged.set(name, (JSON.parse(result.body ?? '{}') as { id: string }).id);
        return { outcome, attempts };
      }
      if (typeof outcome === 'number' && outcome < 500 && outcome !== 409 && outcome !== 429)
        return { outcome, attempts };
      const retryAfterS = Number(result.response?.headers.get('retry-after') ?? NaN);
      await sleep(Number.isFinite(retryAfterS) ? retryAfterS * 1_000 : 200);
    }
    return { outcome, attempts };
  }

  /**
   * The mix: 4 in 10 authenticated writes, 4 cache-hit reads of one item, 1 list, 1 read of an earlier
   * write. Returns the outcome; `onAnswer` sees every response (to check a 503's headers and body).
   */
  async step(baseUrl: string, index: number, onAnswer?: (response: Response, body: string) => void): Promise<Outcome> {
    const kind = index % 10;
    let result: { outcome: Outcome; body?: string; response?: Response };
    if (kind < 4) result = await this.create(baseUrl, `w${index}`);
    else if (kind < 8) result = await send(`${baseUrl}/api/v1/items/${this.seedItemId}`, { headers: this.headers });
    else if (kind === 8) result = await send(`${baseUrl}/api/v1/items?limit=5`, { headers: this.headers });
    else {
      const ids = [...this.acknowledged.values()];
      const id = ids[index % ids.length] ?? this.seedItemId;
      result = await send(`${baseUrl}/api/v1/items/${id}`, { headers: this.headers });
    }
    if (result.response !== undefined) onAnswer?.(result.response, result.body ?? '');
    return result.outcome;
  }

  /** Acknowledged writes that cannot be read back, and names stored more than once. */
  async audit(baseUrl: string): Promise<{ lost: number; duplicated: number; stored: number }> {
    let lost = 0;
    for (const id of this.acknowledged.values()) {
      const read = await send(`${baseUrl}/api/v1/items/${id}`, { headers: this.headers });
      if (read.outcome !== 200) lost += 1;
    }
    const names = new Map<string, number>();
    let cursor: string | null = null;
    for (let page = 0; page < 500; page += 1) {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const listed = await send(`${baseUrl}/api/v1/items?owner=me&limit=100${query}`, { headers: this.headers });
      if (listed.outcome !== 200) throw new Error(`list for the audit: ${String(listed.outcome)} ${listed.body}`);
      const body = JSON.parse(listed.body ?? '{}') as { items: { name: string }[]; nextCursor: string | null };
      for (const item of body.items) names.set(item.name, (names.get(item.name) ?? 0) + 1);
      cursor = body.nextCursor;
      if (cursor === null) break;
    }
    const duplicated = [...names.values()].filter((count) => count > 1).length;
    return { lost, duplicated, stored: names.size };
  }
}
