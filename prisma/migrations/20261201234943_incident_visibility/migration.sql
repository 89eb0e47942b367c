-- AlterTable
ALTER TABLE "incident" ADD COLUMN     "visibility" TEXT NOT NULL DEFAULT 'public';

-- CreateIndex
CREATE INDEX "incident_visibility_started_at_idx" ON "incident"("visibility", "started_at");
