-- DropTable
DROP TABLE "support"."outbound_mail";
