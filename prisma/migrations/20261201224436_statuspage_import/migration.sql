-- AlterTable
ALTER TABLE "component" ADD COLUMN     "statuspage_id" TEXT;

-- AlterTable
ALTER TABLE "incident" ADD COLUMN     "statuspage_id" TEXT;

-- AlterTable
ALTER TABLE "incident_update" ADD COLUMN     "source_components" JSONB,
ADD COLUMN     "statuspage_id" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "component_statuspage_id_key" ON "component"("statuspage_id");

-- CreateIndex
CREATE UNIQUE INDEX "incident_statuspage_id_key" ON "incident"("statuspage_id");

-- CreateIndex
CREATE UNIQUE INDEX "incident_update_statuspage_id_key" ON "incident_update"("statuspage_id");
