CREATE TABLE "room_chat" (
	"room_id" text NOT NULL,
	"cursor" bigint NOT NULL,
	"id" text NOT NULL,
	"kind" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"at" double precision NOT NULL,
	"position" double precision NOT NULL,
	CONSTRAINT "room_chat_room_id_cursor_pk" PRIMARY KEY("room_id","cursor")
);
--> statement-breakpoint
CREATE TABLE "room_live" (
	"room_id" text PRIMARY KEY NOT NULL,
	"playing" boolean NOT NULL,
	"position" double precision NOT NULL,
	"at" double precision NOT NULL,
	"rate" double precision NOT NULL,
	"seq" bigint NOT NULL,
	"control_mode" text NOT NULL,
	"buffer_policy" text NOT NULL,
	"buffering" jsonb NOT NULL,
	"chat_cursor" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "room_chat" ADD CONSTRAINT "room_chat_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_live" ADD CONSTRAINT "room_live_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "room_chat_client_id_idx" ON "room_chat" USING btree ("room_id","id");