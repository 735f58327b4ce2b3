CREATE TABLE "room_knocks" (
	"room_id" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"friend_of" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"attempts" jsonb NOT NULL,
	CONSTRAINT "room_knocks_room_id_user_id_pk" PRIMARY KEY("room_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "room_revocations" (
	"room_id" text NOT NULL,
	"user_id" text NOT NULL,
	"revoked_at" timestamp with time zone NOT NULL,
	"revoked_by" text NOT NULL,
	CONSTRAINT "room_revocations_room_id_user_id_pk" PRIMARY KEY("room_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "room_knocks" ADD CONSTRAINT "room_knocks_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "room_revocations" ADD CONSTRAINT "room_revocations_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "room_knocks_room_status_idx" ON "room_knocks" USING btree ("room_id","status");