-- AlterEnum
ALTER TYPE "support"."QueryStatus" ADD VALUE 'resolution_proposed';

-- AlterTable
ALTER TABLE "support"."query" ADD COLUMN     "follows_query_id" UUID,
ADD COLUMN     "number" SERIAL NOT NULL,
ADD COLUMN     "reopen_window_ended_at" TIMESTAMP(3),
ADD COLUMN     "reopened_at" TIMESTAMP(3),
ADD COLUMN     "resolution_proposed_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "support"."query_rating" (
    "query_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "rated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "query_rating_pkey" PRIMARY KEY ("query_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "query_number_key" ON "support"."query"("number");

-- AddForeignKey
ALTER TABLE "support"."query_rating" ADD CONSTRAINT "query_rating_query_id_fkey" FOREIGN KEY ("query_id") REFERENCES "support"."query"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
