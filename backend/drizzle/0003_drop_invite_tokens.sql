ALTER TABLE "room_invitees" DROP CONSTRAINT "room_invitees_invite_token_unique";--> statement-breakpoint
ALTER TABLE "room_invitees" DROP COLUMN "invite_token";