import { createHash, randomBytes } from 'node:crypto';

// The one-time accept link of a project draft: a random token mailed to the contact, only its hash
// kept, so the database cannot be used to accept on their behalf.

export const newAcceptToken = () => randomBytes(32).toString('base64url');
export const hashOfAcceptToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** The token rides after `#`: it never reaches a server log, and a scanner opening the link accepts nothing. */
export const acceptUrlOf = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/drafts/accept#token=${token}`;
