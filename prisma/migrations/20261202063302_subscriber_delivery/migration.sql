-- AlterTable
ALTER TABLE "subscriber" ADD COLUMN     "unsubscribe_token" TEXT;

-- CreateTable
CREATE TABLE "subscriber_component_status" (
    "component_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "change_id" UUID NOT NULL,
    "changed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subscriber_component_status_pkey" PRIMARY KEY ("component_key")
);
