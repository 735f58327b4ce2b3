ALTER TABLE "room_live" ADD COLUMN "reaction_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "room_chat_reactions_idx" ON "room_chat" USING btree ("room_id","position","cursor") WHERE "room_chat"."kind" = 'reaction';--> statement-breakpoint
UPDATE "room_live" SET "reaction_count" = (SELECT count(*) FROM "room_chat" WHERE "room_chat"."room_id" = "room_live"."room_id" AND "room_chat"."kind" = 'reaction');
