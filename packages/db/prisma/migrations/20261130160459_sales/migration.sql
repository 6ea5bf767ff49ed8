-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "sales";

-- CreateEnum
CREATE TYPE "sales"."SalesLeadSource" AS ENUM ('expert', 'referral', 'inbound');

-- CreateEnum
CREATE TYPE "sales"."SalesLeadStage" AS ENUM ('new', 'meeting_booked', 'offer_presented', 'draft_sent', 'won', 'lost');

-- CreateEnum
CREATE TYPE "sales"."SalesTalentRegion" AS ENUM ('eu_asia', 'us_western_europe');

-- CreateTable
CREATE TABLE "sales"."lead" (
    "id" UUID NOT NULL,
    "company_name" TEXT NOT NULL,
    "contact_name" TEXT NOT NULL,
    "contact_email" TEXT NOT NULL,
    "needs" TEXT NOT NULL,
    "source" "sales"."SalesLeadSource" NOT NULL,
    "referrer_id" TEXT,
    "referral_code" TEXT,
    "owner_id" TEXT NOT NULL,
    "stage" "sales"."SalesLeadStage" NOT NULL DEFAULT 'new',
    "lost_reason" TEXT,
    "meeting_at" TIMESTAMP(3),
    "meeting_minutes" INTEGER,
    "offer_rate_cents" INTEGER,
    "offer_hours" INTEGER,
    "offer_region" "sales"."SalesTalentRegion",
    "draft_tasks" JSONB,
    "accept_token_hash" TEXT,
    "accepted_at" TIMESTAMP(3),
    "customer_id" TEXT,
    "handling" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stage_changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales"."referral_code" (
    "code" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "referral_code_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "sales"."attribution" (
    "customer_id" TEXT NOT NULL,
    "referrer_id" TEXT NOT NULL,
    "lead_id" UUID NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attribution_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "sales"."minimum_rate" (
    "region" "sales"."SalesTalentRegion" NOT NULL,
    "rate_cents" INTEGER NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "minimum_rate_pkey" PRIMARY KEY ("region")
);

-- CreateTable
CREATE TABLE "sales"."minimum_rate_change" (
    "id" UUID NOT NULL,
    "region" "sales"."SalesTalentRegion" NOT NULL,
    "from_rate_cents" INTEGER NOT NULL,
    "to_rate_cents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "minimum_rate_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales"."commission_line" (
    "id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "invoice_id" UUID NOT NULL,
    "payment_cents" INTEGER NOT NULL,
    "original_id" UUID,
    "refund_id" TEXT,
    "idempotency_key" TEXT NOT NULL,
    "available_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commission_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales"."commission_release" (
    "id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "released_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "credited_at" TIMESTAMP(3),

    CONSTRAINT "commission_release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sales"."ops_audit_entry" (
    "id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ops_audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "lead_accept_token_hash_key" ON "sales"."lead"("accept_token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "lead_customer_id_key" ON "sales"."lead"("customer_id");

-- CreateIndex
CREATE INDEX "lead_owner_id_created_at_idx" ON "sales"."lead"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_stage_idx" ON "sales"."lead"("stage");

-- CreateIndex
CREATE UNIQUE INDEX "lead_referral_code_contact_email_key" ON "sales"."lead"("referral_code", "contact_email");

-- CreateIndex
CREATE UNIQUE INDEX "referral_code_expert_id_key" ON "sales"."referral_code"("expert_id");

-- CreateIndex
CREATE UNIQUE INDEX "attribution_lead_id_key" ON "sales"."attribution"("lead_id");

-- CreateIndex
CREATE INDEX "attribution_referrer_id_idx" ON "sales"."attribution"("referrer_id");

-- CreateIndex
CREATE INDEX "minimum_rate_change_region_changed_at_idx" ON "sales"."minimum_rate_change"("region", "changed_at");

-- CreateIndex
CREATE UNIQUE INDEX "commission_line_idempotency_key_key" ON "sales"."commission_line"("idempotency_key");

-- CreateIndex
CREATE INDEX "commission_line_expert_id_created_at_idx" ON "sales"."commission_line"("expert_id", "created_at");

-- CreateIndex
CREATE INDEX "commission_release_expert_id_idx" ON "sales"."commission_release"("expert_id");

-- CreateIndex
CREATE INDEX "ops_audit_entry_target_created_at_idx" ON "sales"."ops_audit_entry"("target", "created_at");

-- The minimum rates the business starts with: $50/h for EU/Asia talent, $100/h for US/Western Europe.
INSERT INTO "sales"."minimum_rate" ("region", "rate_cents", "changed_by") VALUES ('eu_asia', 5000, 'seed'), ('us_western_europe', 10000, 'seed');

-- Commission lines and the rate audit are append-only: a refund is a new negative line, never an edit.
CREATE FUNCTION sales.refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '%.% is append-only: % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER commission_line_append_only BEFORE UPDATE OR DELETE ON sales.commission_line FOR EACH ROW EXECUTE FUNCTION sales.refuse_change();
CREATE TRIGGER minimum_rate_change_append_only BEFORE UPDATE OR DELETE ON sales.minimum_rate_change FOR EACH ROW EXECUTE FUNCTION sales.refuse_change();
