ALTER TABLE "mail_queue" ADD COLUMN "message_id" text DEFAULT '<' || gen_random_uuid() || '@kino-vmeste.invalid>' NOT NULL;--> statement-breakpoint
CREATE INDEX "room_invitees_user_idx" ON "room_invitees" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "rooms_owner_created_idx" ON "rooms" USING btree ("owner_id","created_at");