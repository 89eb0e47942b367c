-- CreateTable
CREATE TABLE "subscriber" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "email" TEXT,
    "webhook_url" TEXT,
    "webhook_secret" TEXT,
    "components" TEXT[],
    "confirmed_at" TIMESTAMPTZ(3),
    "created_by_id" TEXT,
    "failing_since" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriber_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subscriber_token" (
    "hash" TEXT NOT NULL,
    "subscriber_id" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriber_token_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "subscriber_delivery" (
    "id" UUID NOT NULL,
    "subscriber_id" UUID NOT NULL,
    "event_key" TEXT NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriber_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_email_key" ON "subscriber"("email");

-- CreateIndex
CREATE INDEX "subscriber_kind_confirmed_at_idx" ON "subscriber"("kind", "confirmed_at");

-- CreateIndex
CREATE INDEX "subscriber_token_subscriber_id_idx" ON "subscriber_token"("subscriber_id");

-- CreateIndex
CREATE UNIQUE INDEX "subscriber_delivery_subscriber_id_event_key_key" ON "subscriber_delivery"("subscriber_id", "event_key");

-- AddForeignKey
ALTER TABLE "subscriber_token" ADD CONSTRAINT "subscriber_token_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_delivery" ADD CONSTRAINT "subscriber_delivery_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscriber"("id") ON DELETE CASCADE ON UPDATE CASCADE;
