import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityApp, type IdentityApp } from './identity-app.js';

let identity: IdentityApp;
beforeAll(async () => {
  identity = await startIdentityApp();
});
afterAll(async () => identity?.close());

async function companyWithMembers(name: string, count: number) {
  const company = await identity.db.prisma.company.create({ data: { id: randomUUID(), name } });
  const members = [];
  for (let i = 0; i < count; i++) {
    members.push(await identity.addUser({ kind: 'customer', companyId: company.id, companyRole: i === 0 ? 'owner' : 'member' }));
  }
  return { company, members };
}

describe('member list cursors', () => {
  it('a member of another company as the cursor answers exactly like a made-up id', async () => {
    const acme = await companyWithMembers('Acme', 3);
    const globex = await companyWithMembers('Globex', 1);
    const { accessToken: owner } = await identity.tokens.issueAccessToken({ subject: acme.members[0]!.id, role: 'customer', customerId: acme.company.id });
    const list = (cursor: string) => identity.as(owner).get(`/companies/${acme.company.id}/members?limit=1&cursor=${cursor}`);

    const foreign = await list(globex.members[0]!.id);
    const madeUp = await list(randomUUID());
    const answerOf = (res: typeof foreign) => ({ status: res.status, code: res.body.error?.code, message: res.body.error?.message });
    expect(answerOf(foreign)).toEqual({ status: 400, code: 'invalid_cursor', message: expect.stringContaining('invalid cursor') });
    expect(answerOf(foreign)).toEqual(answerOf(madeUp));

    const first = await identity.as(owner).get(`/companies/${acme.company.id}/members?limit=1`);
    const second = await list(first.body.nextCursor);
    expect(second.status).toBe(200);
    expect(second.body.items[0].userId).not.toBe(first.body.items[0].userId);
  });
});
