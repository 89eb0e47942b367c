-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "incident_counter" (
    "team_id" TEXT NOT NULL,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "incident_counter_pkey" PRIMARY KEY ("team_id")
);

-- CreateTable
CREATE TABLE "component" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT,
    "description" TEXT,
    "announce_channels" TEXT[],
    "position" INTEGER NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "component_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" UUID NOT NULL,
    "team_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "detected_by" TEXT,
    "detected_at" TIMESTAMPTZ(3),
    "lead_id" TEXT NOT NULL,
    "declared_by_id" TEXT NOT NULL,
    "channel_id" TEXT,
    "channel_name" TEXT,
    "source_key" TEXT,
    "last_update_at" TIMESTAMPTZ(3) NOT NULL,
    "last_reminder_at" TIMESTAMPTZ(3),
    "archived_channel" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_component" (
    "incident_id" UUID NOT NULL,
    "component_id" UUID NOT NULL,
    "status" TEXT NOT NULL,

    CONSTRAINT "incident_component_pkey" PRIMARY KEY ("incident_id","component_id")
);

-- CreateTable
CREATE TABLE "incident_update" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "author_id" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "components" JSONB NOT NULL,
    "source_key" TEXT,

    CONSTRAINT "incident_update_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "note" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "channel_id" TEXT NOT NULL,
    "message_ts" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "author_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "announcement" (
    "id" UUID NOT NULL,
    "incident_id" UUID NOT NULL,
    "channel_id" TEXT NOT NULL,
    "root_ts" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_job" (
    "id" BIGSERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "incident_id" UUID,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    "locked_by" TEXT,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_request" (
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_request_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "slack_user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_user_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "component_key_key" ON "component"("key");

-- CreateIndex
CREATE UNIQUE INDEX "incident_source_key_key" ON "incident"("source_key");

-- CreateIndex
CREATE INDEX "incident_started_at_idx" ON "incident"("started_at");

-- CreateIndex
CREATE INDEX "incident_resolved_at_idx" ON "incident"("resolved_at");

-- CreateIndex
CREATE INDEX "incident_channel_id_idx" ON "incident"("channel_id");

-- CreateIndex
CREATE UNIQUE INDEX "incident_team_id_number_key" ON "incident"("team_id", "number");

-- CreateIndex
CREATE INDEX "incident_component_component_id_idx" ON "incident_component"("component_id");

-- CreateIndex
CREATE UNIQUE INDEX "incident_update_source_key_key" ON "incident_update"("source_key");

-- CreateIndex
CREATE INDEX "incident_update_incident_id_occurred_at_idx" ON "incident_update"("incident_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "incident_update_incident_id_sequence_key" ON "incident_update"("incident_id", "sequence");

-- CreateIndex
CREATE INDEX "note_incident_id_occurred_at_idx" ON "note"("incident_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "note_channel_id_message_ts_key" ON "note"("channel_id", "message_ts");

-- CreateIndex
CREATE UNIQUE INDEX "announcement_incident_id_channel_id_key" ON "announcement"("incident_id", "channel_id");

-- CreateIndex
CREATE INDEX "outbox_job_status_run_at_idx" ON "outbox_job"("status", "run_at");

-- CreateIndex
CREATE INDEX "outbox_job_queue_id_idx" ON "outbox_job"("queue", "id");

-- AddForeignKey
ALTER TABLE "incident_component" ADD CONSTRAINT "incident_component_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_component" ADD CONSTRAINT "incident_component_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "component"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_update" ADD CONSTRAINT "incident_update_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "note" ADD CONSTRAINT "note_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "announcement" ADD CONSTRAINT "announcement_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
