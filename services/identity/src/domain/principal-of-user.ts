import type { User } from '@guild/db';
import type { Principal } from '@guild/platform';

/**
 * What an access token says about a user. A customer's `customerId` is their company's id, so
 * everyone of one team sees the same records in every service.
 */
export function principalOfUser(user: User): Principal {
  switch (user.kind) {
    case 'customer':
      if (!user.companyId) throw new Error(`customer ${user.id} belongs to no company`);
      return { subject: user.id, role: 'customer', customerId: user.companyId };
    case 'expert':
      if (!user.expertId) throw new Error(`expert ${user.id} has no expert id`);
      return { subject: user.id, role: 'expert', expertId: user.expertId };
    case 'ops':
      return { subject: user.id, role: 'ops' };
  }
}
