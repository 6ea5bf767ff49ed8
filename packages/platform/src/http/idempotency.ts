import { createHash } from 'node:crypto';
import { sqlPoolOf, type PrismaClient } from '@guild/db';
import { AppError } from '../errors.js';

/** How long a key answers with its first response; older records are ignored and swept. */
export const idempotencyWindowMs = 24 * 60 * 60_000;
export const maxIdempotencyKeyLength = 255;
export const idempotencyKeyHeader = 'idempotency-key';
export const idempotencyReplayedHeader = 'idempotent-replayed';

export interface IdempotencySettings {
  /** A request that died mid-way (crashed process) frees its key after this. */
  lockMs: number;
  /** How long a concurrent duplicate waits for the first request before answering 409. */
  waitMs: number;
  pollMs: number;
}

export const defaultIdempotencySettings: IdempotencySettings = { lockMs: 60_000, waitMs: 5_000, pollMs: 25 };

/** The first response to a key, replayed as it was. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** What one request asks of the store: the key, who sent it, and what it asked for. */
export interface IdempotentRequest {
  key: string;
  caller: string;
  route: string;
  requestHash: string;
}

export type Claim =
  | { kind: 'claimed'; complete(response: StoredResponse): Promise<void>; release(): Promise<void> }
  | { kind: 'replay'; response: StoredResponse };

/** The `Idempotency-Key` header, or undefined when the client sent none; 400 when it is unusable. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header.join(',') : header;
  if (key.length === 0 || key.length > maxIdempotencyKeyLength) {
    throw new AppError('invalid_idempotency_key', {
      status: 400,
      message: `the Idempotency-Key header must be 1 to ${maxIdempotencyKeyLength} characters long`,
    });
  }
  return key;
}

// Keys sorted at every depth, so the same fields in another order are the same request.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** A digest of what was asked for: the path with its query string, and the body as sent. */
export function requestHashOf(path: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([path, canonical(body ?? null)]))
    .digest('hex');
}

interface RecordRow {
  route: string;
  request_hash: string;
  status: number | null;
  body: unknown;
}

// The columns are UTC timestamps without a zone (as Prisma writes them); compare them as such.
const utc = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');

const sweepEveryMs = 60 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stripe's semantics over `platform.idempotency_record`: the first request with a key inserts a
 * pending row and does the work; a duplicate replays its stored response, waits for a pending one
 * (then 409), and a different request under the same key is 422. Rows live in PostgreSQL, so any
 * number of instances share them.
 */
export function createIdempotencyStore(prisma: PrismaClient, service: string, settings: IdempotencySettings = defaultIdempotencySettings) {
  // Claim, read and complete run on every idempotent creation: straight on pg, as named
  // statements each connection plans once (Prisma costs several times pg's CPU around any query).
  const pool = sqlPoolOf(prisma);

  // Inserts a pending row, or takes over one that expired or whose request died; true when ours.
  async function tryClaim(request: IdempotentRequest): Promise<boolean> {
    const now = new Date();
    const lockedUntil = new Date(now.getTime() + settings.lockMs);
    const expiredBefore = new Date(now.getTime() - idempotencyWindowMs);
    const { rowCount } = await pool.query({
      name: 'platform-idempotency-claim',
      text: `
        INSERT INTO platform.idempotency_record AS r (service, caller, key, route, request_hash, created_at, locked_until)
        VALUES ($1, $2, $3, $4, $5, $6::timestamp, $7::timestamp)
        ON CONFLICT (service, caller, key) DO UPDATE
          SET route = EXCLUDED.route, request_hash = EXCLUDED.request_hash, status = NULL, body = NULL,
              created_at = EXCLUDED.created_at, completed_at = NULL, locked_until = EXCLUDED.locked_until
          WHERE r.created_at < $8::timestamp OR (r.status IS NULL AND r.locked_until < $6::timestamp)`,
      values: [service, request.caller, request.key, request.route, request.requestHash, utc(now), utc(lockedUntil), utc(expiredBefore)],
    });
    return rowCount === 1;
  }

  async function recordOf(request: IdempotentRequest): Promise<RecordRow | undefined> {
    const { rows } = await pool.query<RecordRow>({
      name: 'platform-idempotency-record',
      text: 'SELECT route, request_hash, status, body FROM platform.idempotency_record WHERE service = $1 AND caller = $2 AND key = $3',
      values: [service, request.caller, request.key],
    });
    return rows[0];
  }

  function claimed(request: IdempotentRequest): Claim {
    return {
      kind: 'claimed',
      async complete(response) {
        const body = response.body === null || response.body === undefined ? null : JSON.stringify(response.body);
        await pool.query({
          name: 'platform-idempotency-complete',
          text: `UPDATE platform.idempotency_record SET status = $4, body = $5::jsonb, completed_at = $6::timestamp
                  WHERE service = $1 AND caller = $2 AND key = $3`,
          values: [service, request.caller, request.key, response.status, body, utc(new Date())],
        });
      },
      // A 5xx or a thrown error frees the key, so a retry does the work.
      async release() {
        await prisma.idempotencyRecord.deleteMany({ where: { service, caller: request.caller, key: request.key, status: null } });
      },
    };
  }

  // Records past the window answer nothing; each instance deletes them now and then (indexed, cheap).
  let lastSweepAt = 0;
  async function sweepExpired(): Promise<void> {
    await prisma.idempotencyRecord.deleteMany({ where: { service, createdAt: { lt: new Date(Date.now() - idempotencyWindowMs) } } });
  }

  return {
    async claim(request: IdempotentRequest): Promise<Claim> {
      if (Date.now() - lastSweepAt >= sweepEveryMs) {
        lastSweepAt = Date.now();
        await sweepExpired();
      }
      const giveUpAt = Date.now() + settings.waitMs;
      for (;;) {
        if (await tryClaim(request)) return claimed(request);
        const record = await recordOf(request);
        if (!record) continue; // released between our insert and read: try again
        if (record.route !== request.route || record.request_hash !== request.requestHash) {
          throw new AppError('idempotency_key_reused', {
            status: 422,
            message: 'this Idempotency-Key was already used with a different request; use a new key for a new request',
          });
        }
        if (record.status !== null) return { kind: 'replay', response: { status: record.status, body: record.body } };
        if (Date.now() >= giveUpAt) {
          throw new AppError('idempotency_key_in_use', {
            status: 409,
            message: 'a request with this Idempotency-Key is still being processed; retry later',
          });
        }
        await sleep(settings.pollMs);
      }
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
