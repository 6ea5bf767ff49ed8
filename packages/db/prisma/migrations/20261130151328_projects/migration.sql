-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "projects";

-- CreateEnum
CREATE TYPE "projects"."ProjectStatus" AS ENUM ('launching', 'active', 'paused', 'ended');

-- CreateEnum
CREATE TYPE "projects"."TalentRegion" AS ENUM ('eu_asia', 'us_western_europe');

-- CreateEnum
CREATE TYPE "projects"."BillingMode" AS ENUM ('deposit', 'pay_as_you_go');

-- CreateEnum
CREATE TYPE "projects"."NpsCadence" AS ENUM ('weekly', 'biweekly');

-- CreateEnum
CREATE TYPE "projects"."BudgetKind" AS ENUM ('per_week', 'cap');

-- CreateEnum
CREATE TYPE "projects"."WeekDay" AS ENUM ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday');

-- CreateEnum
CREATE TYPE "projects"."TaskStatus" AS ENUM ('todo', 'in_progress', 'done');

-- CreateEnum
CREATE TYPE "projects"."TimeEntryStatus" AS ENUM ('submitted', 'approved', 'disputed', 'rejected');

-- CreateEnum
CREATE TYPE "projects"."DisputeResolution" AS ENUM ('approved', 'changed', 'rejected');

-- CreateEnum
CREATE TYPE "projects"."MeetingStatus" AS ENUM ('requested', 'confirmed', 'rescheduling', 'summarized');

-- CreateEnum
CREATE TYPE "projects"."ReleaseStepKind" AS ENUM ('staging', 'tested', 'production');

-- CreateTable
CREATE TABLE "projects"."project" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "customer_rate_cents" INTEGER NOT NULL,
    "expert_rate_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "talent_region" "projects"."TalentRegion" NOT NULL,
    "budget_kind" "projects"."BudgetKind" NOT NULL,
    "budget_minutes" INTEGER NOT NULL,
    "week_start_day" "projects"."WeekDay" NOT NULL,
    "time_zone" TEXT NOT NULL,
    "billing_mode" "projects"."BillingMode" NOT NULL,
    "nps_cadence" "projects"."NpsCadence" NOT NULL DEFAULT 'weekly',
    "status" "projects"."ProjectStatus" NOT NULL DEFAULT 'launching',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."milestone" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "due_on" DATE,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."task" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "status" "projects"."TaskStatus" NOT NULL DEFAULT 'todo',
    "estimate_minutes" INTEGER,
    "milestone_id" UUID,
    "meeting_id" UUID,
    "task_request_id" UUID,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "done_at" TIMESTAMP(3),

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."time_entry" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "task_id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "week_start" DATE NOT NULL,
    "note" TEXT,
    "status" "projects"."TimeEntryStatus" NOT NULL DEFAULT 'submitted',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dispute_reason" TEXT,
    "disputed_by" TEXT,
    "disputed_at" TIMESTAMP(3),
    "resolution" "projects"."DisputeResolution",
    "resolution_note" TEXT,
    "reported_minutes" INTEGER,
    "resolved_by" TEXT,
    "resolved_at" TIMESTAMP(3),
    "approved_by" TEXT,
    "approved_at" TIMESTAMP(3),

    CONSTRAINT "time_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."sprint" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "week_start" DATE NOT NULL,
    "planned_task_ids" UUID[],
    "approved_at" TIMESTAMP(3),
    "approved_by" TEXT,
    "summary_sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sprint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."summary_call_request" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "week_start" DATE NOT NULL,
    "preferred_at" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handled_at" TIMESTAMP(3),

    CONSTRAINT "summary_call_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."stakeholder" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stakeholder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."meeting" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "agenda" TEXT,
    "status" "projects"."MeetingStatus" NOT NULL DEFAULT 'requested',
    "booked_by" TEXT NOT NULL,
    "proposed_starts_at" TIMESTAMP(3),
    "decline_reason" TEXT,
    "declined_at" TIMESTAMP(3),
    "late_reschedule" BOOLEAN NOT NULL DEFAULT false,
    "summary_points" TEXT[],
    "summarized_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."release" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."release_step" (
    "release_id" UUID NOT NULL,
    "step" "projects"."ReleaseStepKind" NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "note" TEXT,
    "link" TEXT,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "release_step_pkey" PRIMARY KEY ("release_id","step")
);

-- CreateTable
CREATE TABLE "projects"."nps_survey" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "period" DATE NOT NULL,
    "score" INTEGER,
    "comment" TEXT,
    "answered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nps_survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "projects"."ops_audit_entry" (
    "id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ops_audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "project_customer_id_created_at_idx" ON "projects"."project"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "project_expert_id_created_at_idx" ON "projects"."project"("expert_id", "created_at");

-- CreateIndex
CREATE INDEX "project_status_idx" ON "projects"."project"("status");

-- CreateIndex
CREATE INDEX "milestone_project_id_created_at_idx" ON "projects"."milestone"("project_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "task_task_request_id_key" ON "projects"."task"("task_request_id");

-- CreateIndex
CREATE INDEX "task_project_id_created_at_idx" ON "projects"."task"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "time_entry_project_id_week_start_status_idx" ON "projects"."time_entry"("project_id", "week_start", "status");

-- CreateIndex
CREATE INDEX "time_entry_task_id_idx" ON "projects"."time_entry"("task_id");

-- CreateIndex
CREATE UNIQUE INDEX "sprint_project_id_week_start_key" ON "projects"."sprint"("project_id", "week_start");

-- CreateIndex
CREATE INDEX "summary_call_request_handled_at_created_at_idx" ON "projects"."summary_call_request"("handled_at", "created_at");

-- CreateIndex
CREATE INDEX "stakeholder_project_id_created_at_idx" ON "projects"."stakeholder"("project_id", "created_at");

-- CreateIndex
CREATE INDEX "meeting_project_id_starts_at_idx" ON "projects"."meeting"("project_id", "starts_at");

-- CreateIndex
CREATE INDEX "meeting_expert_id_late_reschedule_idx" ON "projects"."meeting"("expert_id", "late_reschedule");

-- CreateIndex
CREATE INDEX "release_project_id_created_at_idx" ON "projects"."release"("project_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "nps_survey_project_id_period_key" ON "projects"."nps_survey"("project_id", "period");

-- CreateIndex
CREATE INDEX "ops_audit_entry_target_created_at_idx" ON "projects"."ops_audit_entry"("target", "created_at");

-- AddForeignKey
ALTER TABLE "projects"."milestone" ADD CONSTRAINT "milestone_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."task" ADD CONSTRAINT "task_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."task" ADD CONSTRAINT "task_milestone_id_fkey" FOREIGN KEY ("milestone_id") REFERENCES "projects"."milestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."task" ADD CONSTRAINT "task_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "projects"."meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."time_entry" ADD CONSTRAINT "time_entry_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."time_entry" ADD CONSTRAINT "time_entry_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "projects"."task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."sprint" ADD CONSTRAINT "sprint_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."stakeholder" ADD CONSTRAINT "stakeholder_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."meeting" ADD CONSTRAINT "meeting_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."release" ADD CONSTRAINT "release_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."release_step" ADD CONSTRAINT "release_step_release_id_fkey" FOREIGN KEY ("release_id") REFERENCES "projects"."release"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "projects"."nps_survey" ADD CONSTRAINT "nps_survey_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The rules the API enforces, kept by the database too: rates above zero, an entry within one day.
ALTER TABLE "projects"."project" ADD CONSTRAINT "project_rates_positive" CHECK ("customer_rate_cents" > 0 AND "expert_rate_cents" > 0);
ALTER TABLE "projects"."time_entry" ADD CONSTRAINT "time_entry_minutes_within_a_day" CHECK ("minutes" BETWEEN 1 AND 1440);
ALTER TABLE "projects"."task" ADD CONSTRAINT "task_estimate_positive" CHECK ("estimate_minutes" IS NULL OR "estimate_minutes" > 0);
