/**
 * The extension's checks of the backend's answers, from the same schemas the backend
 * answers with (rooms.ts): a response that does not match is an error, not a crash later.
 * Only the extension reads these, where the CSP forbids compiling a checker: interpreted from
 * the start, as the extension's protocol parsers are, instead of failing a compile first.
 */
import { createValidator } from '../protocol/validator.ts';
import {
  type ApiErrorBody,
  ErrorSchema,
  MatchesSchema,
  type PersonRef,
  RoomSchema,
  type RoomView,
} from './rooms.ts';

const roomValidator = createValidator(RoomSchema, 'interpreted');
const matchesValidator = createValidator(MatchesSchema, 'interpreted');
const errorValidator = createValidator(ErrorSchema, 'interpreted');

export function parseRoomView(value: unknown): RoomView | null {
  return roomValidator.check(value) ? (value as RoomView) : null;
}

export function parseMatches(value: unknown): PersonRef[] | null {
  return matchesValidator.check(value) ? (value as { matches: PersonRef[] }).matches : null;
}

/** An error answer's body, or null when it is not one (a proxy's HTML page, say). */
export function parseApiError(value: unknown): ApiErrorBody | null {
  return errorValidator.check(value) ? (value as ApiErrorBody) : null;
}
