-- A chat line's key points at the room's record (room_live) instead of the room row: the line is
-- stored by the transaction that has just moved that record's counter and so holds its row, where
-- the key check against rooms locked the room's row once more per line (a dirtied page, and a
-- multixact when the heartbeat's touch of the row overlapped). Deleting a room still takes its
-- chat, rooms → room_live → room_chat. Every line was stored with its room's record; should a room
-- have chat and no record anyway, it gets the record a room's first line makes (initialRoom) with
-- the counters of its lines, so the new key holds.
INSERT INTO "room_live" ("room_id", "playing", "position", "at", "rate", "seq", "control_mode", "buffer_policy", "buffering", "chat_cursor", "reaction_count")
SELECT "room_id", false, 0, extract(epoch FROM now()) * 1000, 1, 0, 'everyone', 'wait', '{"hold":null,"accounts":{}}'::jsonb, max("cursor"), count(*) FILTER (WHERE "kind" = 'reaction')
FROM "room_chat" WHERE "room_id" NOT IN (SELECT "room_id" FROM "room_live") GROUP BY "room_id";--> statement-breakpoint
ALTER TABLE "room_chat" DROP CONSTRAINT "room_chat_room_id_rooms_id_fk";--> statement-breakpoint
ALTER TABLE "room_chat" ADD CONSTRAINT "room_chat_room_id_room_live_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."room_live"("room_id") ON DELETE cascade ON UPDATE no action;
