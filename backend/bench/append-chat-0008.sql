-- The chat line as it was before migration 0009, for backend/bench/append-chat.ts to compare
-- against (`--apply bench/append-chat-0008.sql --apply -`): room_chat's key to room_live, and
-- only 0007's kino_append_chat taking one jsonb object per line (0009 keeps it for a rolling
-- deploy; the bench calls it so when the array function is missing).
DROP TRIGGER room_live_deleted ON room_live;
DROP FUNCTION kino_room_live_deleted();
ALTER TABLE room_chat ADD CONSTRAINT room_chat_room_id_room_live_room_id_fk FOREIGN KEY (room_id)
  REFERENCES room_live(room_id) ON DELETE cascade;
DROP FUNCTION kino_append_chat(text[], text[], text[], text[], text[], text[], double precision[],
  double precision[], text, integer, boolean);
