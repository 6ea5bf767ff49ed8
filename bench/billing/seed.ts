import type pg from 'pg';

/** One month of billing for the suite: who owes what, in the rows billing's own code writes. */
export interface BillingMonth {
  /** `YYYY-MM`, the period the run bills. */
  period: string;
  periodStart: Date;
  /** The month's end: what the cycle is started with as `endedBy`. */
  periodEnd: Date;
  customers: number;
  drawsPerCustomer: number;
}

/** Larger than any month's draws here (100 × at most 60 min × $50/h = $5,000). */
export const depositCents = 600_000;
const rateCents = 5_000;

/** The month `monthsBack` months before October 2026: each size of one run bills a month of its own. */
export function billingMonth(monthsBack: number, customers: number, drawsPerCustomer: number): BillingMonth {
  const periodStart = new Date(Date.UTC(2026, 9 - monthsBack, 1));
  const periodEnd = new Date(Date.UTC(2026, 10 - monthsBack, 1));
  return { period: periodStart.toISOString().slice(0, 7), periodStart, periodEnd, customers, drawsPerCustomer };
}

/**
 * Bulk-inserts what billing holds at a month's end: a monthly account per customer (Stripe ids
 * stripe-mock accepts), each deposit customer's paid deposit invoice and its `deposit_paid` entry,
 * and ~100 approved-work draws per customer (`work:<timeEntryId>`, minutes × rate ÷ 60 rounded
 * half up, as draw-approved-work.ts books them) spread over the month. Seeding is not measured.
 * The previous size's rows go first, so each size bills only its own customers.
 */
export async function seedBillingMonth(db: pg.Client, month: BillingMonth): Promise<{ customers: number; draws: number; payAsYouGo: number }> {
  await db.query('BEGIN');
  await db.query('TRUNCATE billing.statement_draw, billing.statement, billing.invoice, billing.ledger_entry, billing.stripe_request, billing.account');
  // Every tenth customer pays as they go and owes the month's work; the others' deposit covers it.
  await db.query(
    `INSERT INTO billing.account (customer_id, stripe_customer_id, plan, cadence, overage_approval_cents, created_at, updated_at)
     SELECT md5($2 || i)::uuid::text, 'cus_bench' || $2 || i, CASE WHEN i % 10 = 0 THEN 'pay_as_you_go' ELSE 'deposit' END, 'monthly', 500000, $3, $3
     FROM generate_series(1, $1::int) AS i`,
    [month.customers, month.period, month.periodStart],
  );
  // The deposit as Stripe's invoice.paid books it (record-payment.ts): the invoice paid, then its entry.
  await db.query(
    `INSERT INTO billing.invoice (id, customer_id, kind, amount_cents, status, stripe_invoice_id, created_at, paid_at)
     SELECT md5('deposit' || customer_id)::uuid, customer_id, 'deposit', $1, 'paid', 'in_bench' || md5('deposit' || customer_id), $2, $2
     FROM billing.account WHERE plan = 'deposit'`,
    [depositCents, month.periodStart],
  );
  await db.query(
    `INSERT INTO billing.ledger_entry (id, customer_id, kind, amount_cents, idempotency_key, invoice_id, occurred_at)
     SELECT gen_random_uuid(), customer_id, 'deposit_paid', amount_cents, 'invoice-paid:' || id, id, paid_at
     FROM billing.invoice WHERE kind = 'deposit'`,
  );
  // 15 to 60 minutes an entry, every 7 hours through the month (100 entries: 29 days).
  await db.query(
    `INSERT INTO billing.ledger_entry (id, customer_id, kind, amount_cents, idempotency_key, project_id, time_entry_id, minutes, rate_cents, occurred_at)
     SELECT gen_random_uuid(), customer_id, 'work_drawn', -floor((minutes * $3 + 30) / 60), 'work:' || time_entry_id, project_id, time_entry_id, minutes, $3,
            $2::timestamptz + (j - 1) * interval '7 hours' + (i % 3600) * interval '1 second'
     FROM (
       SELECT i, j, md5($4 || i)::uuid::text AS customer_id, md5('project' || $4 || i)::uuid::text AS project_id,
              gen_random_uuid()::text AS time_entry_id, 15 + (i * 31 + j * 17) % 46 AS minutes
       FROM generate_series(1, $1::int) AS i, generate_series(1, $5::int) AS j
     ) AS draw`,
    [month.customers, month.periodStart, rateCents, month.period, month.drawsPerCustomer],
  );
  await db.query('COMMIT');
  // A live database has statistics for these tables; a freshly loaded one must be told.
  await db.query('ANALYZE billing.account, billing.ledger_entry, billing.invoice');
  const counts = await db.query<{ customers: string; draws: string; payg: string }>(
    `SELECT (SELECT count(*) FROM billing.account) AS customers, (SELECT count(*) FROM billing.ledger_entry WHERE kind = 'work_drawn') AS draws,
            (SELECT count(*) FROM billing.account WHERE plan = 'pay_as_you_go') AS payg`,
  );
  const row = counts.rows[0]!;
  return { customers: Number(row.customers), draws: Number(row.draws), payAsYouGo: Number(row.payg) };
}
