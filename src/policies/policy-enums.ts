// The policies' vocabularies, spelled the same in TypeScript, GraphQL and PostgreSQL.
import { registerEnumType } from 'type-graphql';

export enum PolicyDelivery {
  AUTOMATIC = 'AUTOMATIC',
  APPLICATION = 'APPLICATION',
}

export enum BenefitKind {
  SUBSIDY = 'SUBSIDY',
  REWARD = 'REWARD',
  TAX_RELIEF = 'TAX_RELIEF',
  LOAN_INTEREST_SUBSIDY = 'LOAN_INTEREST_SUBSIDY',
  GUARANTEE_FEE_SUBSIDY = 'GUARANTEE_FEE_SUBSIDY',
  VOUCHER = 'VOUCHER',
}

export enum PolicyStatus {
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum PolicyApplicationStatus {
  ENTITLED = 'ENTITLED',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  PAID = 'PAID',
}

export enum PolicyDecision {
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
}

// Stryker disable all: the enums' registration and wording for GraphQL, not rules.
registerEnumType(PolicyDelivery, {
  name: 'PolicyDelivery',
  description:
    'AUTOMATIC: 免申即享, every eligible enterprise is entitled without applying; APPLICATION: the enterprise applies (申报).',
  valuesConfig: {
    AUTOMATIC: { description: '免申即享: entitled on the registry’s word, without applying.' },
    APPLICATION: { description: '快申快享: the enterprise applies through a partner.' },
  },
});

registerEnumType(BenefitKind, {
  name: 'BenefitKind',
  description: 'What the policy gives.',
  valuesConfig: {
    SUBSIDY: { description: 'A grant towards costs (补贴).' },
    REWARD: { description: 'A one-off award (奖励).' },
    TAX_RELIEF: { description: 'Tax or fee relief (减免).' },
    LOAN_INTEREST_SUBSIDY: { description: 'Interest on loans paid in part (贴息).' },
    GUARANTEE_FEE_SUBSIDY: { description: 'Guarantee fees paid in part (担保费补贴).' },
    VOUCHER: { description: 'Service or innovation vouchers (创新券, 服务券).' },
  },
});

registerEnumType(PolicyStatus, {
  name: 'PolicyStatus',
  description: 'Whether the policy stands.',
  valuesConfig: {
    PUBLISHED: { description: 'In force: matched, entitled and applied for within its window.' },
    WITHDRAWN: { description: 'Withdrawn: its open applications and unpaid entitlements ended.' },
  },
});

registerEnumType(PolicyApplicationStatus, {
  name: 'PolicyApplicationStatus',
  description: 'Where an application or an entitlement stands.',
  valuesConfig: {
    ENTITLED: { description: 'Entitled without applying (AUTOMATIC); to be paid by payBy.' },
    SUBMITTED: { description: 'Applied for; awaiting the issuing region’s decision.' },
    APPROVED: { description: 'Approved with an amount; to be paid by payBy.' },
    DECLINED: { description: 'Declined, with a note saying why (final).' },
    PAID: { description: 'Paid out (final).' },
  },
});

registerEnumType(PolicyDecision, {
  name: 'PolicyDecision',
  description: 'The issuing region’s decision on an application.',
  valuesConfig: {
    APPROVED: { description: 'Approved, with an amount not above the policy’s maximum.' },
    DECLINED: { description: 'Declined, with a note.' },
  },
});
