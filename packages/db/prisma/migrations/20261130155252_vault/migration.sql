-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "vault";

-- CreateEnum
CREATE TYPE "vault"."VaultProjectStatus" AS ENUM ('launching', 'active', 'paused', 'ended');

-- CreateTable
CREATE TABLE "vault"."project" (
    "project_id" UUID NOT NULL,
    "customer_id" TEXT NOT NULL,
    "expert_id" TEXT NOT NULL,
    "status" "vault"."VaultProjectStatus" NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "project_pkey" PRIMARY KEY ("project_id")
);

-- CreateTable
CREATE TABLE "vault"."credential" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "system" TEXT NOT NULL,
    "login" TEXT NOT NULL,
    "sealed_secret" BYTEA,
    "master_key_id" TEXT,
    "handed_over_by" TEXT NOT NULL,
    "handed_over_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_by" TEXT,
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vault"."reveal" (
    "id" UUID NOT NULL,
    "credential_id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "revealed_by" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "revealed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reveal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vault"."ops_audit_entry" (
    "id" UUID NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ops_audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "credential_project_id_handed_over_at_idx" ON "vault"."credential"("project_id", "handed_over_at");

-- CreateIndex
CREATE INDEX "credential_master_key_id_idx" ON "vault"."credential"("master_key_id");

-- CreateIndex
CREATE INDEX "reveal_credential_id_revealed_at_idx" ON "vault"."reveal"("credential_id", "revealed_at");

-- CreateIndex
CREATE INDEX "ops_audit_entry_target_created_at_idx" ON "vault"."ops_audit_entry"("target", "created_at");

-- An active credential holds its sealed secret and the key that wraps it; a revoked one holds neither.
ALTER TABLE "vault"."credential" ADD CONSTRAINT "credential_sealed_while_active" CHECK (
  ("revoked_at" IS NULL AND "sealed_secret" IS NOT NULL AND "master_key_id" IS NOT NULL)
  OR ("revoked_at" IS NOT NULL AND "sealed_secret" IS NULL AND "master_key_id" IS NULL)
);

-- The reveal audit is append-only: nobody edits or deletes who read a secret.
CREATE FUNCTION "vault"."refuse_reveal_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'vault.reveal is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER "reveal_append_only" BEFORE UPDATE OR DELETE ON "vault"."reveal"
  FOR EACH ROW EXECUTE FUNCTION "vault"."refuse_reveal_change"();
