-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "platform";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "support";

-- CreateEnum
CREATE TYPE "support"."QueryStatus" AS ENUM ('open', 'escalated', 'answered');

-- CreateTable
CREATE TABLE "platform"."outbox_event" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "support"."expert_assignment" (
    "customer_id" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "backup_expert_id" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "expert_assignment_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "support"."query" (
    "id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "assigned_expert_id" TEXT,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "support"."QueryStatus" NOT NULL DEFAULT 'open',
    "submitted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "first_replied_at" TIMESTAMP(3),
    "escalated_at" TIMESTAMP(3),

    CONSTRAINT "query_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."query_reply" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "expert_id" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "eta_minutes" INTEGER,
    "eta_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "query_reply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "outbox_event_source_published_at_occurred_at_idx" ON "platform"."outbox_event"("source", "published_at", "occurred_at");

-- CreateIndex
CREATE INDEX "query_customer_id_submitted_at_idx" ON "support"."query"("customer_id", "submitted_at");

-- CreateIndex
CREATE INDEX "query_assigned_expert_id_submitted_at_idx" ON "support"."query"("assigned_expert_id", "submitted_at");

-- CreateIndex
CREATE INDEX "query_reply_query_id_created_at_idx" ON "support"."query_reply"("query_id", "created_at");

-- AddForeignKey
ALTER TABLE "support"."query_reply" ADD CONSTRAINT "query_reply_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "support"."query"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
