// Relay global object identification: every Node's id is base64("<Type>:<key>"), opaque to
// clients. Keys are the row's stable key (a region's code, other types' numeric id). The format
// lives here alone: in TypeScript for resolvers and commands, in SQL for the read planner.
import { badInput, quote } from './errors';

export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64');
}

/** toGlobalId in SQL, over the key expression `key` (text or integer) of a row of `type`. */
export function globalIdSql(type: string, key: string): string {
  // encode() breaks lines every 76 characters; a type name and a key are far shorter.
  return `encode(convert_to('${type}:' || ${key}, 'UTF8'), 'base64')`;
}

export interface GlobalId {
  type: string;
  key: string;
}

/** Null for anything that is not a well-formed global id. */
export function fromGlobalId(id: string): GlobalId | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64').toString('utf8');
  const match = /^([A-Z][A-Za-z]*):(.+)$/.exec(decoded);
  if (!match || toGlobalId(match[1], match[2]) !== id) return null;
  return { type: match[1], key: match[2] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The key forms of the Node types: a region's six-digit code, a uuid, else a row id. */
const KEY_FORM: Record<string, RegExp> = {
  Region: /^[1-9][0-9]{5}$/,
  Referral: UUID,
  Appeal: UUID,
  WebhookDelivery: UUID,
};
const ROW_ID = /^[1-9][0-9]{0,9}$/;
const MAX_ROW_ID = 2 ** 31 - 1;

/** The key of a global id of `type`, or null when the id is malformed or of another type. */
export function nodeKey(id: string, type: string): string | null {
  const global = fromGlobalId(id);
  if (!global || global.type !== type) return null;
  const form = KEY_FORM[type];
  if (form) return form.test(global.key) ? global.key : null;
  return ROW_ID.test(global.key) && Number(global.key) <= MAX_ROW_ID ? global.key : null;
}

/** The key a global id of `type` stands for; BAD_USER_INPUT naming the input `field` otherwise. */
export function requireNodeKey(id: string, type: string, field: string): string {
  const key = nodeKey(id, type);
  if (key === null) {
    const a = /^[AEIOU]/.test(type) ? 'an' : 'a';
    throw badInput(
      `${field} ${quote(id)} is not the id of ${a} ${type}: take it from ${a} ${type}'s id field`,
      field,
    );
  }
  return key;
}
