import { randomUUID } from 'node:crypto';
import type { HomeTenant, seedCaller } from '../service-under-test.js';
import type { MailSink } from '@guild/testkit';

type Call = ReturnType<typeof seedCaller>;

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export const password = 'correct horse battery staple';

// Addresses of this run only: the shared mail sink still holds the links mailed to earlier runs,
// and identity mails through its relay, so the newest mail may arrive after the call returns.
const run = randomUUID().slice(0, 8);
const home = { name: 'Home Co Ltd', owner: `owner-${run}@home-co.example`, member: `member-${run}@home-co.example`, pending: `pending-${run}@home-co.example` };
const other = { name: 'Other Co', owner: `owner-${run}@other-co.example`, expert: `expert-${run}@other-expert.example` };

export interface IdentityTenants {
  home: HomeTenant;
  homeOwner: string;
  foreignCustomer: string;
  foreignExpert: string;
}

/**
 * The home company's story through the API: ops open it, its owner accepts the mailed invitation,
 * invites a member who joins and one who has not yet, refreshes a session and asks for a reset
 * link. The foreign tenant is another company's owner and an expert, each signed in by their link.
 */
export async function seedIdentityTenants(call: Call, mail: MailSink, ops: string): Promise<IdentityTenants> {
  const accept = async (email: string) => call<TokenPair>(undefined, 'POST', '/invitations/accept', { token: await mail.linkTokenFor(email), password });

  const opened = await call<{ company: { id: string }; invitation: { id: string } }>(ops, 'POST', '/companies', { name: home.name, ownerEmail: home.owner });
  const companyId = opened.company.id;
  const owner = await accept(home.owner);
  const invited = await call<{ id: string }>(owner.accessToken, 'POST', `/companies/${companyId}/invitations`, { email: home.member });
  await accept(home.member);
  const pending = await call<{ id: string }>(owner.accessToken, 'POST', `/companies/${companyId}/invitations`, { email: home.pending });
  const ownerSession = await call<TokenPair>(undefined, 'POST', '/auth/refresh', { refreshToken: owner.refreshToken });
  await call(undefined, 'POST', '/auth/password-reset', { email: home.member });
  const members = await call<{ items: { userId: string }[] }>(ownerSession.accessToken, 'GET', `/companies/${companyId}/members?limit=100`);

  await call(ops, 'POST', '/companies', { name: other.name, ownerEmail: other.owner });
  const foreignCustomer = await accept(other.owner);
  await call(ops, 'POST', '/experts', { email: other.expert, name: 'Otto Other' });
  const foreignExpert = await accept(other.expert);

  const markers = [companyId, home.name, home.owner, home.member, home.pending, opened.invitation.id, invited.id, pending.id];
  return {
    home: {
      records: { companyId: { value: companyId, tenancy: 'home' }, 'members.cursor': { value: members.items[0]!.userId, tenancy: 'home' } },
      markers: [...markers, ...members.items.map((m) => m.userId)],
    },
    homeOwner: ownerSession.accessToken,
    foreignCustomer: foreignCustomer.accessToken,
    foreignExpert: foreignExpert.accessToken,
  };
}
