-- CreateTable
CREATE TABLE "maintenance_counter" (
    "team_id" TEXT NOT NULL,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "maintenance_counter_pkey" PRIMARY KEY ("team_id")
);

-- CreateTable
CREATE TABLE "maintenance" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "visibility" TEXT NOT NULL DEFAULT 'public',
    "stage" TEXT NOT NULL,
    "impact" TEXT NOT NULL DEFAULT 'maintenance',
    "scheduled_for" TIMESTAMPTZ(3) NOT NULL,
    "scheduled_until" TIMESTAMPTZ(3) NOT NULL,
    "auto_transitions" BOOLEAN NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "remind_at" TIMESTAMPTZ(3),
    "reminded_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT NOT NULL,
    "source_key" TEXT,
    "statuspage_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "maintenance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maintenance_component" (
    "maintenance_id" UUID NOT NULL,
    "component_id" UUID NOT NULL,

    CONSTRAINT "maintenance_component_pkey" PRIMARY KEY ("maintenance_id","component_id")
);

-- CreateTable
CREATE TABLE "maintenance_update" (
    "id" UUID NOT NULL,
    "maintenance_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author_id" TEXT,
    "source_key" TEXT,
    "statuspage_id" TEXT,
    "affected_components" JSONB,

    CONSTRAINT "maintenance_update_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maintenance_announcement" (
    "id" UUID NOT NULL,
    "maintenance_id" UUID NOT NULL,
    "channel_id" TEXT NOT NULL,
    "root_ts" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "maintenance_announcement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_source_key_key" ON "maintenance"("source_key");

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_statuspage_id_key" ON "maintenance"("statuspage_id");

-- CreateIndex
CREATE INDEX "maintenance_stage_scheduled_for_idx" ON "maintenance"("stage", "scheduled_for");

-- CreateIndex
CREATE INDEX "maintenance_scheduled_for_idx" ON "maintenance"("scheduled_for");

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_team_id_number_key" ON "maintenance"("team_id", "number");

-- CreateIndex
CREATE INDEX "maintenance_component_component_id_idx" ON "maintenance_component"("component_id");

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_update_source_key_key" ON "maintenance_update"("source_key");

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_update_statuspage_id_key" ON "maintenance_update"("statuspage_id");

-- CreateIndex
CREATE INDEX "maintenance_update_maintenance_id_occurred_at_idx" ON "maintenance_update"("maintenance_id", "occurred_at");

-- CreateIndex
CREATE INDEX "maintenance_update_occurred_at_sequence_idx" ON "maintenance_update"("occurred_at" DESC, "sequence" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_update_maintenance_id_sequence_key" ON "maintenance_update"("maintenance_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "maintenance_announcement_maintenance_id_channel_id_key" ON "maintenance_announcement"("maintenance_id", "channel_id");

-- AddForeignKey
ALTER TABLE "maintenance_component" ADD CONSTRAINT "maintenance_component_maintenance_id_fkey" FOREIGN KEY ("maintenance_id") REFERENCES "maintenance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_component" ADD CONSTRAINT "maintenance_component_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_update" ADD CONSTRAINT "maintenance_update_maintenance_id_fkey" FOREIGN KEY ("maintenance_id") REFERENCES "maintenance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_announcement" ADD CONSTRAINT "maintenance_announcement_maintenance_id_fkey" FOREIGN KEY ("maintenance_id") REFERENCES "maintenance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
