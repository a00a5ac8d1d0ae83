// The Node interface of Relay global object identification; the ids themselves are written and
// read in global-id.ts.
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
