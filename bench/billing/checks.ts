import type pg from 'pg';
import { call } from '../people.js';
import { depositCents } from './seed.js';

export interface Check {
  what: string;
  ok: boolean;
  /** What was found, when it is not what was expected. */
  found: string;
}

const sampleSize = 20;

/**
 * What makes the run's figure honest: every customer billed once for the period, every overage
 * invoiced once through Stripe, every draw closed by a statement, and for a sample of customers
 * the balance billing answers equal to the sum of their ledger and to what the month should leave.
 */
export async function checkBilledMonth(db: pg.Client, billing: { url: string; opsToken: string }, period: string, seeded: { customers: number; draws: number; payAsYouGo: number }): Promise<Check[]> {
  const one = async (sql: string) => Number((await db.query<{ n: string }>(sql, [period])).rows[0]!.n);
  const statementsNotOne = await one(
    `SELECT count(*) AS n FROM billing.account a WHERE (SELECT count(*) FROM billing.statement s WHERE s.customer_id = a.customer_id AND s.period = $1) <> 1`,
  );
  const invoicedWithStripeId = await one(
    `SELECT count(*) AS n FROM billing.statement s JOIN billing.invoice i ON i.id = s.invoice_id
     WHERE s.period = $1 AND s.overage_cents > 0 AND i.stripe_invoice_id LIKE 'in\\_%' AND i.status = 'open' AND i.amount_cents = s.overage_cents`,
  );
  const periodInvoices = await one(`SELECT count(*) AS n FROM billing.invoice WHERE kind = 'period' AND period = $1`);
  const drawsClosed = await one(`SELECT count(*) AS n FROM billing.statement_draw d JOIN billing.statement s ON s.id = d.statement_id WHERE s.period = $1`);
  const sample = await balancesOfSample(db, billing);
  return [
    { what: 'one statement per customer for the period', ok: statementsNotOne === 0, found: `${statementsNotOne} customers with none or several` },
    {
      what: 'one open Stripe invoice per overage, for its amount',
      ok: invoicedWithStripeId === seeded.payAsYouGo && periodInvoices === seeded.payAsYouGo,
      found: `${invoicedWithStripeId} invoiced of ${seeded.payAsYouGo} overages, ${periodInvoices} period invoices`,
    },
    { what: 'every approved draw closed by its statement', ok: drawsClosed === seeded.draws, found: `${drawsClosed} of ${seeded.draws}` },
    {
      what: `balance = sum of the ledger = what the month leaves (${sample.length} customers)`,
      ok: sample.length > 0 && sample.every((s) => s.answered === s.ledgerSum && s.ledgerSum === s.expected),
      found: sample
        .filter((s) => s.answered !== s.ledgerSum || s.ledgerSum !== s.expected)
        .map((s) => `${s.customerId}: answered ${s.answered}, ledger ${s.ledgerSum}, expected ${s.expected}`)
        .join('; '),
    },
  ];
}

/**
 * After the run a pay-as-you-go customer's balance is 0 (the overage moved onto the invoice), a
 * deposit customer's is the deposit less the month's draws.
 */
async function balancesOfSample(db: pg.Client, billing: { url: string; opsToken: string }) {
  const { rows } = await db.query<{ customer_id: string; plan: string; ledger_sum: string; drawn: string }>(
    `SELECT a.customer_id, a.plan,
            (SELECT coalesce(sum(amount_cents), 0) FROM billing.ledger_entry e WHERE e.customer_id = a.customer_id) AS ledger_sum,
            (SELECT coalesce(sum(amount_cents), 0) FROM billing.ledger_entry e WHERE e.customer_id = a.customer_id AND e.kind = 'work_drawn') AS drawn
     FROM billing.account a ORDER BY md5(a.customer_id) LIMIT $1`,
    [sampleSize],
  );
  return Promise.all(
    rows.map(async (row) => {
      const res = await call(`${billing.url}/customers/${row.customer_id}/balance`, billing.opsToken, 'GET');
      if (res.status !== 200) throw new Error(`GET /customers/${row.customer_id}/balance answered ${res.status}: ${JSON.stringify(res.body)}`);
      return {
        customerId: row.customer_id,
        answered: Number(res.body.balanceCents),
        ledgerSum: Number(row.ledger_sum),
        expected: row.plan === 'deposit' ? depositCents + Number(row.drawn) : 0,
      };
    }),
  );
}
