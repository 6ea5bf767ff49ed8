-- CreateEnum
CREATE TYPE "support"."ReplyKind" AS ENUM ('answer', 'checking', 'research', 'needs_info', 'action');

-- CreateEnum
CREATE TYPE "support"."QueryChannel" AS ENUM ('api', 'email');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "support"."QueryStatus" ADD VALUE 'community';
ALTER TYPE "support"."QueryStatus" ADD VALUE 'research';
ALTER TYPE "support"."QueryStatus" ADD VALUE 'awaiting_customer';
ALTER TYPE "support"."QueryStatus" ADD VALUE 'resolved';
ALTER TYPE "support"."QueryStatus" ADD VALUE 'closed';

-- DropIndex
DROP INDEX "support"."query_assigned_expert_id_submitted_at_idx";

-- AlterTable
ALTER TABLE "support"."query" ADD COLUMN     "breached_at" TIMESTAMP(3),
ADD COLUMN     "channel" "support"."QueryChannel" NOT NULL DEFAULT 'api',
ADD COLUMN     "close_note" TEXT,
ADD COLUMN     "closed_at" TIMESTAMP(3),
ADD COLUMN     "contact_email" TEXT,
ADD COLUMN     "eta_at" TIMESTAMP(3),
ADD COLUMN     "queue_order_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "reply_due_at" TIMESTAMP(3),
ADD COLUMN     "resolved_at" TIMESTAMP(3),
ADD COLUMN     "sla_breached" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "thread_message_id" TEXT;

-- AlterTable
ALTER TABLE "support"."query_reply" ADD COLUMN     "kind" "support"."ReplyKind" NOT NULL DEFAULT 'answer',
ADD COLUMN     "need_info" JSONB,
ADD COLUMN     "task_id" TEXT,
ADD COLUMN     "task_request_id" UUID;

-- CreateTable
CREATE TABLE "support"."support_terms" (
    "customer_id" TEXT NOT NULL,
    "calendar" JSONB,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "support_terms_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "support"."customer_contact" (
    "email" TEXT NOT NULL,
    "customer_id" TEXT NOT NULL,
    "name" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_contact_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "support"."customer_message" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "channel" "support"."QueryChannel" NOT NULL DEFAULT 'api',
    "email_message_id" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."attachment" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "message_id" UUID,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."sla_event" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "recorded_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sla_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."queue_reorder" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "moved_by" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "from_order_at" TIMESTAMP(3) NOT NULL,
    "to_order_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_reorder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."outbound_mail" (
    "id" UUID NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "query_id" UUID,
    "to_addresses" TEXT[],
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbound_mail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."community_question" (
    "id" UUID NOT NULL,
    "query_id" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answered_by" TEXT,
    "answered_at" TIMESTAMP(3),

    CONSTRAINT "community_question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."faq_entry" (
    "id" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "faq_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "support"."ops_audit_entry" (
    "id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ops_audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "customer_contact_customer_id_idx" ON "support"."customer_contact"("customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "customer_message_email_message_id_key" ON "support"."customer_message"("email_message_id");

-- CreateIndex
CREATE INDEX "customer_message_query_id_received_at_idx" ON "support"."customer_message"("query_id", "received_at");

-- CreateIndex
CREATE INDEX "attachment_query_id_idx" ON "support"."attachment"("query_id");

-- CreateIndex
CREATE UNIQUE INDEX "sla_event_query_id_kind_due_at_key" ON "support"."sla_event"("query_id", "kind", "due_at");

-- CreateIndex
CREATE INDEX "queue_reorder_query_id_idx" ON "support"."queue_reorder"("query_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_mail_idempotency_key_key" ON "support"."outbound_mail"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbound_mail_sent_at_created_at_idx" ON "support"."outbound_mail"("sent_at", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "community_question_query_id_key" ON "support"."community_question"("query_id");

-- CreateIndex
CREATE INDEX "community_question_answered_at_opened_at_idx" ON "support"."community_question"("answered_at", "opened_at");

-- CreateIndex
CREATE INDEX "ops_audit_entry_target_created_at_idx" ON "support"."ops_audit_entry"("target", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "query_thread_message_id_key" ON "support"."query"("thread_message_id");

-- CreateIndex
CREATE INDEX "query_assigned_expert_id_queue_order_at_idx" ON "support"."query"("assigned_expert_id", "queue_order_at");

-- CreateIndex
CREATE INDEX "query_status_queue_order_at_idx" ON "support"."query"("status", "queue_order_at");

-- CreateIndex
CREATE UNIQUE INDEX "query_reply_task_request_id_key" ON "support"."query_reply"("task_request_id");

-- AddForeignKey
ALTER TABLE "support"."customer_message" ADD CONSTRAINT "customer_message_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "support"."query"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support"."attachment" ADD CONSTRAINT "attachment_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "support"."query"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "support"."sla_event" ADD CONSTRAINT "sla_event_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "support"."query"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Full-text search over the FAQ quick sheet (an expression index Prisma's schema cannot express).
CREATE INDEX "faq_entry_search_idx" ON "support"."faq_entry"
  USING GIN (to_tsvector('english', "question" || ' ' || "answer"));
