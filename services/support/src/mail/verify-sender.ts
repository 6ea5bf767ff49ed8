import { promises as dns } from 'node:dns';
import { authenticate, type AuthenticateResult, type DNSResolver } from 'mailauth';

export type { DNSResolver };

/** What SPF, DKIM and DMARC said of a mail: verdicts and domains only, never its content. */
export interface SenderAuthResults {
  fromDomain: string;
  spf: string;
  spfDomain: string | null;
  dkim: { result: string; domain: string | null }[];
  dmarc: string;
}

export type SenderVerdict =
  | { proven: true; results: SenderAuthResults }
  /** The From domain's owner did not vouch for this mail: hold it. */
  | { proven: false; reason: string; results: SenderAuthResults }
  /** A DNS lookup failed for now: the sender's server should try again. */
  | { proven: 'retry'; results: SenderAuthResults };

export interface SmtpConnection {
  ip: string;
  helo: string;
  /** MAIL FROM; empty for bounces. */
  mailFrom: string;
}

/** Proves (or not) that a mail comes from the domain in its From header. */
export type SenderCheck = (raw: Buffer, fromAddress: string, connection: SmtpConnection) => Promise<SenderVerdict>;

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();
const temporary = (result: string) => result === 'temperror' || result === 'temperr';

/**
 * SPF, DKIM and DMARC through `mailauth`, with the DNS resolver injectable so tests run offline.
 * A mail is proven when DMARC passes for its From domain; where the domain publishes no DMARC
 * record, when SPF or DKIM passes for that very domain. A forged From fails both ways.
 */
export function mailauthSenderCheck(opts: { resolver?: DNSResolver; mta?: string } = {}): SenderCheck {
  const resolver: DNSResolver = opts.resolver ?? ((name, rrtype) => dns.resolve(name, rrtype) as Promise<string[][] | string[]>);
  return async (raw, fromAddress, connection) => {
    const auth = await authenticate(raw, {
      ip: connection.ip,
      helo: connection.helo,
      sender: connection.mailFrom,
      resolver,
      ...(opts.mta ? { mta: opts.mta } : {}),
      disableArc: true,
      disableBimi: true,
    });
    const results = summary(auth, domainOf(fromAddress));
    if (auth.dmarc && auth.dmarc.status.result === 'pass') return { proven: true, results };
    if (temporary(results.dmarc) || temporary(results.spf) || results.dkim.some((d) => temporary(d.result))) return { proven: 'retry', results };
    if (results.dmarc === 'none') {
      const spfAligned = results.spf === 'pass' && results.spfDomain === results.fromDomain;
      const dkimAligned = results.dkim.some((d) => d.result === 'pass' && d.domain === results.fromDomain);
      if (spfAligned || dkimAligned) return { proven: true, results };
      return { proven: false, reason: `neither SPF nor DKIM passes for ${results.fromDomain}, which publishes no DMARC policy`, results };
    }
    return { proven: false, reason: `DMARC ${results.dmarc} for ${results.fromDomain}`, results };
  };
}

function summary(auth: AuthenticateResult, fromDomain: string): SenderAuthResults {
  return {
    fromDomain,
    spf: auth.spf ? auth.spf.status.result : 'none',
    spfDomain: auth.spf ? auth.spf.domain.toLowerCase() : null,
    dkim: auth.dkim.results.map((r) => ({ result: r.status.result, domain: typeof r.signingDomain === 'string' ? r.signingDomain.toLowerCase() : null })),
    // No DMARC result at all: the From header names no domain, or several (RFC 9989 5.3.1).
    dmarc: auth.dmarc ? auth.dmarc.status.result : `skipped (${auth.dmarcSkipReason ?? 'no author domain'})`,
  };
}
