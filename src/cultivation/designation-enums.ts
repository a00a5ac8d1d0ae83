// The registry's vocabularies, spelled the same in TypeScript, GraphQL and PostgreSQL.
import { registerEnumType } from 'type-graphql';

/** The rungs of gradient cultivation (梯度培育), lowest first. */
export enum DesignationKind {
  INNOVATIVE_SME = 'INNOVATIVE_SME',
  SPECIALIZED_SME = 'SPECIALIZED_SME',
  LITTLE_GIANT = 'LITTLE_GIANT',
}

/** Where a designation (or a cluster's recognition) stands. */
export enum DesignationStatus {
  ACTIVE = 'ACTIVE',
  UNDER_REVIEW = 'UNDER_REVIEW',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

/** The statuses in which a designation is valid: what eligibility and the counts read. */
export const LIVE_STATUSES = [DesignationStatus.ACTIVE, DesignationStatus.UNDER_REVIEW] as const;

/** What a review (复核) decided. */
export enum ReviewOutcome {
  RENEWED = 'RENEWED',
  EXITED = 'EXITED',
}

export enum ClusterLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
}

registerEnumType(DesignationKind, {
  name: 'DesignationKind',
  description:
    'The rungs of gradient cultivation (梯度培育): 创新型中小企业, 专精特新中小企业 (granted by a province), 专精特新“小巨人” (granted by the nation).',
  valuesConfig: {
    INNOVATIVE_SME: { description: '创新型中小企业, granted by a province.' },
    SPECIALIZED_SME: { description: '专精特新中小企业, granted by a province.' },
    LITTLE_GIANT: {
      description: '专精特新“小巨人”, granted by the nation to a specialized SME.',
    },
  },
});

registerEnumType(DesignationStatus, {
  name: 'DesignationStatus',
  description:
    'ACTIVE until validUntil; UNDER_REVIEW while its review (复核) is open, still valid; EXPIRED (exited, or not renewed in time); REVOKED (withdrawn, with a reason).',
  valuesConfig: {
    ACTIVE: { description: 'Valid, no review open yet.' },
    UNDER_REVIEW: { description: 'Valid; its review (复核) opened 90 days before validUntil.' },
    EXPIRED: { description: 'Ended: exited at review, or not renewed by validUntil.' },
    REVOKED: { description: 'Withdrawn, with a reason.' },
  },
});

registerEnumType(ReviewOutcome, {
  name: 'ReviewOutcome',
  description: 'What a review (复核) decided.',
  valuesConfig: {
    RENEWED: { description: 'Three more years from the old validUntil.' },
    EXITED: { description: 'The designation ends now (EXPIRED).' },
  },
});

registerEnumType(ClusterLevel, {
  name: 'ClusterLevel',
  description: 'Who recognised a characteristic industrial cluster.',
  valuesConfig: {
    NATIONAL: { description: 'Recognised by MIIT (国家级中小企业特色产业集群).' },
    PROVINCIAL: { description: 'Recognised by a province.' },
  },
});
