-- AlterTable
ALTER TABLE "incident_update" ADD COLUMN     "deleted_at" TIMESTAMPTZ(3),
ADD COLUMN     "edited_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "revision" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "update_id" UUID,
    "kind" TEXT NOT NULL,
    "editor_id" TEXT NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "revision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "update_message" (
    "update_id" UUID NOT NULL,
    "channel_id" TEXT NOT NULL,
    "ts" TEXT NOT NULL,

    CONSTRAINT "update_message_pkey" PRIMARY KEY ("update_id","channel_id")
);

-- CreateIndex
CREATE INDEX "revision_incident_id_created_at_idx" ON "revision"("incident_id", "created_at");

-- AddForeignKey
ALTER TABLE "revision" ADD CONSTRAINT "revision_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "revision" ADD CONSTRAINT "revision_update_id_fkey" FOREIGN KEY ("update_id") REFERENCES "incident_update"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "update_message" ADD CONSTRAINT "update_message_update_id_fkey" FOREIGN KEY ("update_id") REFERENCES "incident_update"("id") ON DELETE CASCADE ON UPDATE CASCADE;
