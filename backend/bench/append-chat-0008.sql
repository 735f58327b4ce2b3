-- The chat line as it was before migration 0009, for backend/bench/append-chat.ts to compare
-- against (`--apply bench/append-chat-0008.sql --apply -`): room_chat's key to room_live, and
-- kino_append_chat taking one jsonb object per line (the bench calls it so when it finds it).
DROP TRIGGER room_live_deleted ON room_live;
DROP FUNCTION kino_room_live_deleted();
ALTER TABLE room_chat ADD CONSTRAINT room_chat_room_id_room_live_room_id_fk FOREIGN KEY (room_id)
  REFERENCES room_live(room_id) ON DELETE cascade;
DROP FUNCTION kino_append_chat(text[], text[], text[], text[], text[], text[], double precision[],
  double precision[], text, integer, boolean);
CREATE OR REPLACE FUNCTION kino_append_chat(lines jsonb, max_reactions integer)
RETURNS TABLE (ord integer, line_cursor bigint, stored boolean)
LANGUAGE plpgsql AS $$
DECLARE
  line jsonb;
  line_room text;
  reaction integer;
  next_cursor bigint;
BEGIN
  FOR line IN
    SELECT l.value FROM jsonb_array_elements(lines) WITH ORDINALITY AS l(value, n)
    ORDER BY l.value->>'roomId', l.n
  LOOP
    ord := (line->>'ord')::integer;
    line_room := line->>'roomId';
    reaction := CASE WHEN line->>'kind' = 'reaction' THEN 1 ELSE 0 END;
    -- The common case in two statements: the counter moves (locking the room), the line goes in.
    UPDATE room_live SET chat_cursor = chat_cursor + 1, reaction_count = reaction_count + reaction
    WHERE room_id = line_room AND (reaction = 0 OR reaction_count < max_reactions)
    RETURNING chat_cursor INTO next_cursor;
    IF NOT FOUND THEN
      -- No record yet (the room's first line), or a reaction past the limit.
      INSERT INTO room_live (room_id, playing, position, at, rate, seq, control_mode,
        buffer_policy, buffering, chat_cursor, reaction_count)
      VALUES (line_room, (line->>'playing')::boolean, (line->>'playbackPosition')::double precision,
        (line->>'playbackAt')::double precision, (line->>'rate')::double precision,
        (line->>'seq')::bigint, line->>'controlMode', line->>'bufferPolicy', line->'buffering', 0, 0)
      ON CONFLICT (room_id) DO NOTHING;
      UPDATE room_live SET chat_cursor = chat_cursor + 1, reaction_count = reaction_count + reaction
      WHERE room_id = line_room AND (reaction = 0 OR reaction_count < max_reactions)
      RETURNING chat_cursor INTO next_cursor;
      IF NOT FOUND THEN
        -- Past the limit; a resend of a reaction stored before still gets its cursor back.
        SELECT c.cursor INTO line_cursor FROM room_chat c
        WHERE c.room_id = line_room AND c.id = line->>'id';
        stored := false;
        RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;

    INSERT INTO room_chat (room_id, cursor, id, kind, user_id, name, text, at, position)
    VALUES (line_room, next_cursor, line->>'id', line->>'kind', line->>'userId', line->>'name',
      line->>'text', (line->>'at')::double precision, (line->>'position')::double precision)
    ON CONFLICT (room_id, id) DO NOTHING;
    IF FOUND THEN
      line_cursor := next_cursor;
      stored := true;
    ELSE
      -- A resend of a stored line: the room's row is still locked by us, so the counter can
      -- be taken back, and the earlier cursor is the answer.
      UPDATE room_live SET chat_cursor = chat_cursor - 1, reaction_count = reaction_count - reaction
      WHERE room_id = line_room;
      SELECT c.cursor INTO line_cursor FROM room_chat c
      WHERE c.room_id = line_room AND c.id = line->>'id';
      stored := false;
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;
