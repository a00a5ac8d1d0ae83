// The stages of an enterprise in a digital-transformation pilot, spelled the same in TypeScript,
// GraphQL and PostgreSQL.
import { registerEnumType } from 'type-graphql';

export enum PilotStage {
  ENROLLED = 'ENROLLED',
  DIAGNOSED = 'DIAGNOSED',
  IN_TRANSFORMATION = 'IN_TRANSFORMATION',
  ACCEPTED = 'ACCEPTED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(PilotStage, {
  name: 'PilotStage',
  description:
    'Where an enterprise stands in its pilot: enrolled, diagnosed (digital level found), in transformation (a provider’s project under way), accepted (level reached, subsidy paid), or withdrawn.',
  valuesConfig: {
    ENROLLED: { description: 'Enrolled by the city; not yet diagnosed.' },
    DIAGNOSED: { description: 'Its digital level (1 to 4) was found by a MARKET agency.' },
    IN_TRANSFORMATION: { description: 'A provider carries out its transformation project.' },
    ACCEPTED: { description: 'The project was accepted at the level reached; final.' },
    WITHDRAWN: { description: 'It left the pilot before acceptance, with a reason; final.' },
  },
});
