-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "billing";

-- CreateTable
CREATE TABLE "billing"."account" (
    "customer_id" TEXT NOT NULL,
    "stripe_customer_id" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "cadence" TEXT NOT NULL,
    "overage_approval_cents" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "billing"."ledger_entry" (
    "id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "project_id" TEXT,
    "time_entry_id" TEXT,
    "minutes" INTEGER,
    "rate_cents" INTEGER,
    "invoice_id" UUID,
    "reason" TEXT,
    "actor" TEXT,
    "occurred_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing"."statement" (
    "id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "period_start" TIMESTAMP(3) NOT NULL,
    "period_end" TIMESTAMP(3) NOT NULL,
    "drawn_cents" INTEGER NOT NULL,
    "drawn_minutes" INTEGER NOT NULL,
    "overage_cents" INTEGER NOT NULL,
    "needs_approval" BOOLEAN NOT NULL,
    "invoice_id" UUID,
    "mailed_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing"."statement_draw" (
    "ledger_entry_id" UUID NOT NULL,
    "statement_id" UUID NOT NULL,

    CONSTRAINT "statement_draw_pkey" PRIMARY KEY ("ledger_entry_id")
);

-- CreateTable
CREATE TABLE "billing"."invoice" (
    "id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "period" TEXT,
    "amount_cents" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "stripe_invoice_id" TEXT,
    "approved_by" TEXT,
    "suspended_at" TIMESTAMP(3),
    "reinstated_at" TIMESTAMP(3),
    "reminders_sent" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_at" TIMESTAMP(3),

    CONSTRAINT "invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing"."stripe_request" (
    "idempotency_key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "object_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_request_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateTable
CREATE TABLE "billing"."webhook_event" (
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handled_at" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "webhook_event_pkey" PRIMARY KEY ("event_id")
);

-- CreateTable
CREATE TABLE "billing"."parked_entry" (
    "time_entry_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "customer_rate_cents" INTEGER NOT NULL,
    "approved_at" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "parked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "drawn_at" TIMESTAMP(3),

    CONSTRAINT "parked_entry_pkey" PRIMARY KEY ("time_entry_id")
);

-- CreateTable
CREATE TABLE "billing"."ops_audit_entry" (
    "id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ops_audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "account_cadence_idx" ON "billing"."account"("cadence");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_idempotency_key_key" ON "billing"."ledger_entry"("idempotency_key");

-- CreateIndex
CREATE INDEX "ledger_entry_customer_id_occurred_at_id_idx" ON "billing"."ledger_entry"("customer_id", "occurred_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "statement_invoice_id_key" ON "billing"."statement"("invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "statement_customer_id_period_key" ON "billing"."statement"("customer_id", "period");

-- CreateIndex
CREATE INDEX "statement_draw_statement_id_idx" ON "billing"."statement_draw"("statement_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_stripe_invoice_id_key" ON "billing"."invoice"("stripe_invoice_id");

-- CreateIndex
CREATE INDEX "invoice_customer_id_created_at_id_idx" ON "billing"."invoice"("customer_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "parked_entry_customer_id_drawn_at_idx" ON "billing"."parked_entry"("customer_id", "drawn_at");

-- CreateIndex
CREATE INDEX "ops_audit_entry_target_created_at_idx" ON "billing"."ops_audit_entry"("target", "created_at");

-- AddForeignKey
ALTER TABLE "billing"."statement_draw" ADD CONSTRAINT "statement_draw_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "billing"."statement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The ledger is append-only: a correction is a new entry (an adjustment with a reason), never an edit.
CREATE FUNCTION "billing"."refuse_ledger_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'billing.ledger_entry is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER "ledger_entry_append_only" BEFORE UPDATE OR DELETE ON "billing"."ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "billing"."refuse_ledger_change"();
