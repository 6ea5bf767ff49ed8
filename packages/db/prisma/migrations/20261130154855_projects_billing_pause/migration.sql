-- CreateTable
CREATE TABLE "projects"."billing_pause" (
    "project_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "paused_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "released_at" TIMESTAMP(3),

    CONSTRAINT "billing_pause_pkey" PRIMARY KEY ("project_id","invoice_id")
);

-- CreateIndex
CREATE INDEX "billing_pause_customer_id_invoice_id_idx" ON "projects"."billing_pause"("customer_id", "invoice_id");

-- AddForeignKey
ALTER TABLE "projects"."billing_pause" ADD CONSTRAINT "billing_pause_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"."project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
