-- CreateIndex
CREATE INDEX "incident_update_occurred_at_sequence_idx" ON "incident_update"("occurred_at" DESC, "sequence" DESC);
