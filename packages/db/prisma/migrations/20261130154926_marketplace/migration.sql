-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "marketplace";

-- CreateEnum
CREATE TYPE "marketplace"."ExpertListingStatus" AS ENUM ('draft', 'listed', 'paused');

-- CreateEnum
CREATE TYPE "marketplace"."JobStatus" AS ENUM ('open', 'selected', 'launched', 'closed');

-- CreateEnum
CREATE TYPE "marketplace"."OfferStatus" AS ENUM ('open', 'withdrawn', 'selected', 'declined');

-- CreateTable
CREATE TABLE "marketplace"."expert_profile" (
    "expert_id" TEXT NOT NULL,
    "headline" TEXT NOT NULL DEFAULT '',
    "skills" JSONB NOT NULL DEFAULT '[]',
    "technologies" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "talent_region" TEXT NOT NULL DEFAULT 'eu_asia',
    "hourly_rate_cents" INTEGER NOT NULL DEFAULT 5000,
    "weekly_hours" INTEGER NOT NULL DEFAULT 0,
    "listing_status" "marketplace"."ExpertListingStatus" NOT NULL DEFAULT 'draft',
    "nps_score_sum" INTEGER NOT NULL DEFAULT 0,
    "nps_answers" INTEGER NOT NULL DEFAULT 0,
    "approved_entries" INTEGER NOT NULL DEFAULT 0,
    "approved_minutes" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "expert_profile_pkey" PRIMARY KEY ("expert_id")
);

-- CreateTable
CREATE TABLE "marketplace"."job" (
    "id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "posted_by" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "tasks" TEXT[],
    "skills" TEXT[],
    "budget" JSONB NOT NULL,
    "talent_region" TEXT,
    "desired_start" DATE NOT NULL,
    "time_zone" TEXT NOT NULL,
    "status" "marketplace"."JobStatus" NOT NULL DEFAULT 'open',
    "posted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "selected_offer_id" UUID,
    "selected_at" TIMESTAMP(3),
    "project_id" UUID,
    "scope_agreed_at" TIMESTAMP(3),
    "budget_agreed_at" TIMESTAMP(3),
    "guidelines_acknowledged_at" TIMESTAMP(3),
    "launched_at" TIMESTAMP(3),
    "sla_breached_at" TIMESTAMP(3),

    CONSTRAINT "job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketplace"."offer" (
    "id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rate_cents" INTEGER,
    "price_cents" INTEGER,
    "is_estimate" BOOLEAN NOT NULL,
    "scope" TEXT NOT NULL,
    "schedule" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" "marketplace"."OfferStatus" NOT NULL DEFAULT 'open',
    "seen_by_customer_at" TIMESTAMP(3),
    "submitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "withdrawn_at" TIMESTAMP(3),

    CONSTRAINT "offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "marketplace"."job_invitation" (
    "id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "wave" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "score_parts" JSONB NOT NULL,
    "invited_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "responded_at" TIMESTAMP(3),

    CONSTRAINT "job_invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "expert_profile_listing_status_idx" ON "marketplace"."expert_profile"("listing_status");

-- CreateIndex
CREATE UNIQUE INDEX "job_selected_offer_id_key" ON "marketplace"."job"("selected_offer_id");

-- CreateIndex
CREATE INDEX "job_customer_id_posted_at_id_idx" ON "marketplace"."job"("customer_id", "posted_at", "id");

-- CreateIndex
CREATE INDEX "job_status_idx" ON "marketplace"."job"("status");

-- CreateIndex
CREATE UNIQUE INDEX "offer_job_id_expert_id_key" ON "marketplace"."offer"("job_id", "expert_id");

-- CreateIndex
CREATE INDEX "job_invitation_expert_id_responded_at_idx" ON "marketplace"."job_invitation"("expert_id", "responded_at");

-- CreateIndex
CREATE UNIQUE INDEX "job_invitation_job_id_expert_id_key" ON "marketplace"."job_invitation"("job_id", "expert_id");

-- AddForeignKey
ALTER TABLE "marketplace"."offer" ADD CONSTRAINT "offer_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "marketplace"."job"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "marketplace"."job_invitation" ADD CONSTRAINT "job_invitation_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "marketplace"."job"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
