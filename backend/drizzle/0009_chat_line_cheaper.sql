-- A chat line costs Postgres less (issue 15; numbers in scripts/bench/README.md, "One chat line"):
-- 1. room_chat's key to room_live goes: every line is stored by kino_append_chat right after it
--    moved the room's counter, so the record's row is locked by the storing transaction until it
--    commits, and the key's per-line check (a query and a row lock, a WAL record) proved nothing
--    new. Its cascade becomes a trigger: deleting records (as rooms → room_live cascades) deletes
--    their rooms' chat, with a fresh snapshot, after any line being stored for them committed.
-- 2. kino_append_chat takes its lines as typed arrays, sorted by room, instead of one jsonb
--    object per line with the room's initial record in each: nothing to parse per line, and a
--    room's initial record (a jsonb text parsed only when a room has no record yet) once.
-- 3. Lines go in with one INSERT per batch, without the ON CONFLICT check per line: a line whose
--    client id is stored already makes that INSERT fail (unique_violation), and the caller sends
--    the batch again with dedupe on — line by line, ON CONFLICT, as before.
ALTER TABLE "room_chat" DROP CONSTRAINT "room_chat_room_id_room_live_room_id_fk";--> statement-breakpoint
CREATE FUNCTION kino_room_live_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- An array, so the delete goes by room_chat's key whatever the planner guesses of `gone`.
  DELETE FROM room_chat WHERE room_id = ANY (ARRAY(SELECT room_id FROM gone));
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER room_live_deleted AFTER DELETE ON room_live REFERENCING OLD TABLE AS gone
FOR EACH STATEMENT EXECUTE FUNCTION kino_room_live_deleted();--> statement-breakpoint
-- Lines deleted with no record left (none should be: every line is stored with its record).
DELETE FROM room_chat c WHERE NOT EXISTS (SELECT 1 FROM room_live l WHERE l.room_id = c.room_id);--> statement-breakpoint
-- kino_append_chat(jsonb, integer) stays for now: during a rolling deploy the instances still
-- running the code before this migration call it, and it works without the key (a later
-- migration drops it once no such instance can be left).
-- Stores a batch of chat lines (backend/src/record/chat-append.ts): line i is rooms[i], ids[i],
-- …; per line the room's counter moves and the line is stored with it, or neither — the client
-- id is there already (its earlier cursor, stored = false), or it is a reaction past the room's
-- limit (cursor NULL; or the earlier cursor of a resend). The lines come sorted by room (each
-- room's in arrival order) and the counter's update locks the room's row until the batch
-- commits, so two batches lock rows in the same order (never crosswise) and a room's lines
-- commit in cursor order. `initials` is a jsonb object: room id → [playing, position, at, rate,
-- seq, control mode, buffer policy, buffering], the record a room's first line makes.
CREATE FUNCTION kino_append_chat(rooms text[], ids text[], kinds text[], user_ids text[],
  names text[], texts text[], ats double precision[], positions double precision[],
  initials text, max_reactions integer, dedupe boolean)
RETURNS TABLE (ord integer, line_cursor bigint, stored boolean)
LANGUAGE plpgsql AS $$
DECLARE
  cursors bigint[] := array_fill(NULL::bigint, ARRAY[cardinality(ids)]);
  initial_records jsonb;
  initial jsonb;
  reaction integer;
  next_cursor bigint;
BEGIN
  FOR i IN 1..cardinality(ids) LOOP
    ord := i - 1;
    reaction := CASE WHEN kinds[i] = 'reaction' THEN 1 ELSE 0 END;
    -- The common case in one statement per line: the counter moves, locking the room.
    UPDATE room_live SET chat_cursor = chat_cursor + 1, reaction_count = reaction_count + reaction
    WHERE room_id = rooms[i] AND (reaction = 0 OR reaction_count < max_reactions)
    RETURNING chat_cursor INTO next_cursor;
    IF NOT FOUND THEN
      -- No record yet (the room's first line), or a reaction past the limit.
      IF initial_records IS NULL THEN
        initial_records := initials::jsonb;
      END IF;
      initial := initial_records -> rooms[i];
      INSERT INTO room_live (room_id, playing, position, at, rate, seq, control_mode,
        buffer_policy, buffering, chat_cursor, reaction_count)
      VALUES (rooms[i], (initial->>0)::boolean, (initial->>1)::double precision,
        (initial->>2)::double precision, (initial->>3)::double precision, (initial->>4)::bigint,
        initial->>5, initial->>6, initial->7, 0, 0)
      ON CONFLICT (room_id) DO NOTHING;
      UPDATE room_live SET chat_cursor = chat_cursor + 1, reaction_count = reaction_count + reaction
      WHERE room_id = rooms[i] AND (reaction = 0 OR reaction_count < max_reactions)
      RETURNING chat_cursor INTO next_cursor;
      IF NOT FOUND THEN
        -- Past the limit; a resend of a reaction stored before still gets its cursor back.
        SELECT c.cursor INTO line_cursor FROM room_chat c
        WHERE c.room_id = rooms[i] AND c.id = ids[i];
        stored := false;
        RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;
    IF NOT dedupe THEN
      cursors[i] := next_cursor;
      CONTINUE;
    END IF;
    INSERT INTO room_chat (room_id, cursor, id, kind, user_id, name, text, at, position)
    VALUES (rooms[i], next_cursor, ids[i], kinds[i], user_ids[i], names[i], texts[i], ats[i],
      positions[i])
    ON CONFLICT (room_id, id) DO NOTHING;
    IF FOUND THEN
      line_cursor := next_cursor;
      stored := true;
    ELSE
      -- A resend of a stored line: the room's row is still locked by us, so the counter can
      -- be taken back, and the earlier cursor is the answer.
      UPDATE room_live SET chat_cursor = chat_cursor - 1, reaction_count = reaction_count - reaction
      WHERE room_id = rooms[i];
      SELECT c.cursor INTO line_cursor FROM room_chat c
      WHERE c.room_id = rooms[i] AND c.id = ids[i];
      stored := false;
    END IF;
    RETURN NEXT;
  END LOOP;
  IF NOT dedupe THEN
    -- Every counted line in one statement; a client id stored already fails it (23505).
    INSERT INTO room_chat (room_id, cursor, id, kind, user_id, name, text, at, position)
    SELECT * FROM unnest(rooms, cursors, ids, kinds, user_ids, names, texts, ats, positions)
      AS l(room_id, cursor, id, kind, user_id, name, text, at, position)
    WHERE l.cursor IS NOT NULL;
    RETURN QUERY SELECT (l.n - 1)::integer, l.c, true
    FROM unnest(cursors) WITH ORDINALITY AS l(c, n) WHERE l.c IS NOT NULL;
  END IF;
END
$$;
