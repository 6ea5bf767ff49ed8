-- CreateEnum
CREATE TYPE "support"."HeldMailStatus" AS ENUM ('held', 'released', 'discarded');

-- AlterTable
ALTER TABLE "support"."query" ADD COLUMN     "minutes_logged" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "project_id" UUID;

-- AlterTable
ALTER TABLE "projects"."task" ADD COLUMN     "support_query_id" UUID;

-- AlterTable
ALTER TABLE "projects"."time_entry" ADD COLUMN     "support_time_entry_id" UUID;

-- CreateTable
CREATE TABLE "support"."query_time_entry" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "note" TEXT,
    "logged_by" TEXT NOT NULL,
    "logged_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "query_time_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."customer_project" (
    "project_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "customer_project_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "support"."held_inbound_mail" (
    "id" UUID NOT NULL,
    "from_address" TEXT NOT NULL,
    "subject" TEXT,
    "remote_ip" TEXT,
    "sealed_raw" BYTEA NOT NULL,
    "auth_results" JSONB NOT NULL,
    "status" "support"."HeldMailStatus" NOT NULL DEFAULT 'held',
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by" TEXT,
    "decided_at" TIMESTAMP(3),

    CONSTRAINT "held_inbound_mail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "query_time_entry_query_id_logged_at_idx" ON "support"."query_time_entry"("query_id", "logged_at");

-- CreateIndex
CREATE INDEX "customer_project_customer_id_status_idx" ON "support"."customer_project"("customer_id", "status");

-- CreateIndex
CREATE INDEX "held_inbound_mail_status_received_at_idx" ON "support"."held_inbound_mail"("status", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "task_support_query_id_key" ON "projects"."task"("support_query_id");

-- CreateIndex
CREATE UNIQUE INDEX "time_entry_support_time_entry_id_key" ON "projects"."time_entry"("support_time_entry_id");

-- AddForeignKey
ALTER TABLE "support"."query_time_entry" ADD CONSTRAINT "query_time_entry_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "support"."query"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
