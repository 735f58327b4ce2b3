ALTER TABLE "mail_queue" ADD COLUMN "kind" text DEFAULT 'invite' NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_queue" ADD COLUMN "room_id" text;--> statement-breakpoint
ALTER TABLE "mail_queue" ADD COLUMN "calendar" text;--> statement-breakpoint
ALTER TABLE "mail_queue" ADD COLUMN "calendar_method" text;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "rooms" ADD COLUMN "schedule_sequence" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "mail_queue_room_kind_idx" ON "mail_queue" USING btree ("room_id","kind");