-- AlterEnum
BEGIN;
CREATE TYPE "support"."QueryStatus_new" AS ENUM ('open', 'answered', 'community', 'research', 'awaiting_customer', 'resolved', 'closed');
ALTER TABLE "support"."query" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "support"."query" ALTER COLUMN "status" TYPE "support"."QueryStatus_new" USING ("status"::text::"support"."QueryStatus_new");
ALTER TYPE "support"."QueryStatus" RENAME TO "QueryStatus_old";
ALTER TYPE "support"."QueryStatus_new" RENAME TO "QueryStatus";
DROP TYPE "support"."QueryStatus_old";
ALTER TABLE "support"."query" ALTER COLUMN "status" SET DEFAULT 'open';
COMMIT;

-- AlterTable
ALTER TABLE "support"."query" DROP COLUMN "escalated_at";

-- CreateTable
CREATE TABLE "platform"."outbound_mail" (
    "id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "recipients" JSONB NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),
    "message_id" TEXT,
    "failed_at" TIMESTAMP(3),
    "failure" TEXT,

    CONSTRAINT "outbound_mail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform"."idempotency_record" (
    "service" TEXT NOT NULL,
    "caller" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER,
    "body" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMP(3),
    "locked_until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "idempotency_record_pkey" PRIMARY KEY ("service","caller","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbound_mail_idempotency_key_key" ON "platform"."outbound_mail"("idempotency_key");

-- CreateIndex
CREATE INDEX "outbound_mail_sent_at_failed_at_next_attempt_at_idx" ON "platform"."outbound_mail"("sent_at", "failed_at", "next_attempt_at");

-- CreateIndex
CREATE INDEX "outbound_mail_failed_at_idx" ON "platform"."outbound_mail"("failed_at");

-- CreateIndex
CREATE INDEX "idempotency_record_created_at_idx" ON "platform"."idempotency_record"("created_at");
