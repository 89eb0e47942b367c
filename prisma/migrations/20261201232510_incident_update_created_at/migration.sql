-- CreateIndex
CREATE INDEX "incident_update_created_at_idx" ON "incident_update"("created_at");
