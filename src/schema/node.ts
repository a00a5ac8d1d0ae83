// Relay global object identification: every Node's id is base64("<Type>:<key>"), opaque to
// clients. Keys are the row's stable key (a region's code, other types' numeric id).
import { Field, ID, InterfaceType } from 'type-graphql';

@InterfaceType({
  description: 'An object with an opaque, globally unique id (Relay global object identification).',
  // Entities are class instances whose class name is their GraphQL type name.
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  @Field(() => ID, {
    description: 'Opaque, globally unique id (Relay global object identification).',
  })
  id!: string;
}

export function toGlobalId(type: string, key: string | number): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64');
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
