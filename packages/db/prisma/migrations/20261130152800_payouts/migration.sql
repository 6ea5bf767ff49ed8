-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "payouts";

-- CreateEnum
CREATE TYPE "payouts"."PayoutAccountKind" AS ENUM ('stripe_connect', 'bank_transfer');

-- CreateEnum
CREATE TYPE "payouts"."PayoutAccountStatus" AS ENUM ('verified', 'requirements_due', 'paused_by_stripe', 'manual');

-- CreateEnum
CREATE TYPE "payouts"."LedgerEntryKind" AS ENUM ('work_credited', 'commission_credited', 'payout_held', 'payout_paid', 'payout_released', 'adjustment');

-- CreateEnum
CREATE TYPE "payouts"."PayoutRequestStatus" AS ENUM ('held', 'awaiting_manual_transfer', 'needs_review', 'paid', 'failed', 'refused', 'released');

-- CreateTable
CREATE TABLE "payouts"."payout_account" (
    "expert_id" TEXT NOT NULL,
    "kind" "payouts"."PayoutAccountKind" NOT NULL,
    "stripe_account_id" TEXT,
    "status" "payouts"."PayoutAccountStatus" NOT NULL,
    "missing" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "disabled_reason" TEXT,
    "account_holder" TEXT,
    "iban" TEXT,
    "bank_name" TEXT,
    "checked_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "payout_account_pkey" PRIMARY KEY ("expert_id")
);

-- CreateTable
CREATE TABLE "payouts"."ledger_entry" (
    "id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "kind" "payouts"."LedgerEntryKind" NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "payout_request_id" UUID,
    "time_entry_id" UUID,
    "cycle" TEXT,
    "reason" TEXT,
    "negative" BOOLEAN NOT NULL DEFAULT false,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payouts"."approved_work" (
    "time_entry_id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "project_id" UUID NOT NULL,
    "minutes" INTEGER NOT NULL,
    "expert_rate_cents" INTEGER NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "approved_at" TIMESTAMP(3) NOT NULL,
    "credited_at" TIMESTAMP(3),
    "cycle" TEXT,

    CONSTRAINT "approved_work_pkey" PRIMARY KEY ("time_entry_id")
);

-- CreateTable
CREATE TABLE "payouts"."payout_request" (
    "id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "status" "payouts"."PayoutRequestStatus" NOT NULL,
    "account_kind" "payouts"."PayoutAccountKind" NOT NULL,
    "stripe_transfer_id" TEXT,
    "reason" TEXT,
    "invoice_file_name" TEXT,
    "invoice_pdf" BYTEA,
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMP(3),
    "settled_by" TEXT,
    "warned_at" TIMESTAMP(3),
    "breached_at" TIMESTAMP(3),

    CONSTRAINT "payout_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payouts"."payout_suspension" (
    "expert_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "suspended_by" TEXT NOT NULL,
    "suspended_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payout_suspension_pkey" PRIMARY KEY ("expert_id")
);

-- CreateTable
CREATE TABLE "payouts"."ops_audit_entry" (
    "id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ops_audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_idempotency_key_key" ON "payouts"."ledger_entry"("idempotency_key");

-- CreateIndex
CREATE INDEX "ledger_entry_expert_id_created_at_id_idx" ON "payouts"."ledger_entry"("expert_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "approved_work_credited_at_approved_at_idx" ON "payouts"."approved_work"("credited_at", "approved_at");

-- CreateIndex
CREATE INDEX "approved_work_expert_id_idx" ON "payouts"."approved_work"("expert_id");

-- CreateIndex
CREATE INDEX "payout_request_expert_id_requested_at_id_idx" ON "payouts"."payout_request"("expert_id", "requested_at", "id");

-- CreateIndex
CREATE INDEX "payout_request_status_idx" ON "payouts"."payout_request"("status");

-- CreateIndex
CREATE INDEX "ops_audit_entry_target_created_at_idx" ON "payouts"."ops_audit_entry"("target", "created_at");

-- The expert ledger is append-only: a correction is a new adjustment entry, never an edit.
ALTER TABLE "payouts"."ledger_entry" ADD CONSTRAINT "ledger_entry_amount_positive" CHECK ("amount_cents" > 0);
CREATE FUNCTION "payouts"."refuse_ledger_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payouts.ledger_entry is append-only: record an adjustment instead';
END;
$$;
CREATE TRIGGER "ledger_entry_append_only" BEFORE UPDATE OR DELETE ON "payouts"."ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION "payouts"."refuse_ledger_change"();
