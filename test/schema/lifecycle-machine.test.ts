// The one lifecycle machine on a small table written here (a permit: DRAFT → FILED → GRANTED or
// REFUSED, WITHDRAWN by its applicant): what it lets through, and the two refusals every
// lifecycle of the network answers with, word for word. The real tables are tested beside their
// domains (test/referrals/referral-lifecycle.test.ts, test/events/registration-rules.test.ts).
import { DomainError } from '../../src/schema/errors';
import { LifecycleMachine, type Move } from '../../src/schema/lifecycle-machine';

type Status = 'DRAFT' | 'FILED' | 'GRANTED' | 'REFUSED' | 'WITHDRAWN';
type Party = 'APPLICANT' | 'OFFICER';
interface PermitMove extends Move<Status, Party> {
  fee: boolean;
}

const permits = new LifecycleMachine<Status, Party, PermitMove>({
  subject: 'permit',
  field: 'status',
  transitions: {
    DRAFT: [
      { to: 'FILED', by: ['APPLICANT'], fee: true },
      { to: 'WITHDRAWN', by: ['APPLICANT'], fee: false },
    ],
    FILED: [
      { to: 'GRANTED', by: ['OFFICER'], fee: false },
      { to: 'REFUSED', by: ['OFFICER'], fee: false },
      { to: 'WITHDRAWN', by: ['APPLICANT', 'OFFICER'], fee: false },
    ],
    GRANTED: [],
    REFUSED: [],
    WITHDRAWN: [],
  },
  who: { APPLICANT: 'the applicant', OFFICER: 'an officer' },
});

function refusal(run: () => unknown) {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const { code, field, message } = error as DomainError;
    return { code, field, message };
  }
}

describe('LifecycleMachine', () => {
  it('lists the moves out of a status in the order of the table', () => {
    expect(permits.allowedNext('FILED')).toEqual(['GRANTED', 'REFUSED', 'WITHDRAWN']);
    expect(permits.allowedNext('GRANTED')).toEqual([]);
  });

  it('hands back the move of the table, with the terms its domain added', () => {
    expect(permits.check('DRAFT', 'FILED', ['APPLICANT'])).toEqual({
      to: 'FILED',
      by: ['APPLICANT'],
      fee: true,
    });
    expect(permits.check('FILED', 'WITHDRAWN', ['OFFICER', 'APPLICANT']).to).toBe('WITHDRAWN');
  });

  it('refuses a move the table lacks, naming the status and the moves out of it', () => {
    expect(refusal(() => permits.check('DRAFT', 'GRANTED', ['OFFICER']))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'status',
      message: 'the permit is DRAFT: it can move to FILED, WITHDRAWN, not to GRANTED',
    });
  });

  it('calls a status without moves final', () => {
    expect(refusal(() => permits.check('REFUSED', 'FILED', ['APPLICANT', 'OFFICER']))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'status',
      message: 'the permit is REFUSED, a final status: it cannot change any more',
    });
  });

  it('says the table before the parties: a move it lacks is bad input even for no one', () => {
    expect(refusal(() => permits.check('GRANTED', 'DRAFT', []))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('refuses a party the move does not name, saying who may and what it may set instead', () => {
    expect(refusal(() => permits.check('FILED', 'GRANTED', ['APPLICANT']))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
      message: 'only an officer may move a FILED permit to GRANTED. You may set WITHDRAWN.',
    });
    expect(refusal(() => permits.check('FILED', 'WITHDRAWN', []))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
      message: 'only the applicant or an officer may move a FILED permit to WITHDRAWN.',
    });
  });

  it('lists every move the party may make instead', () => {
    const officerOnly = new LifecycleMachine<Status, Party>({
      ...permits.definition,
      transitions: {
        ...permits.definition.transitions,
        FILED: [
          { to: 'GRANTED', by: ['OFFICER'] },
          { to: 'REFUSED', by: ['OFFICER'] },
          { to: 'WITHDRAWN', by: ['APPLICANT'] },
        ],
      },
    });
    expect(refusal(() => officerOnly.check('FILED', 'WITHDRAWN', ['OFFICER']))).toMatchObject({
      message:
        'only the applicant may move a FILED permit to WITHDRAWN. You may set GRANTED, REFUSED.',
    });
  });

  it('offers instead only the moves its domain says are open now', () => {
    const noFees = (move: PermitMove) => !move.fee;
    expect(refusal(() => permits.check('DRAFT', 'FILED', ['OFFICER']))).toMatchObject({
      message: 'only the applicant may move a DRAFT permit to FILED.',
    });
    expect(
      refusal(() => permits.check('FILED', 'GRANTED', ['APPLICANT'], () => false)),
    ).toMatchObject({ message: 'only an officer may move a FILED permit to GRANTED.' });
    expect(refusal(() => permits.check('FILED', 'GRANTED', ['APPLICANT'], noFees))).toMatchObject({
      message: 'only an officer may move a FILED permit to GRANTED. You may set WITHDRAWN.',
    });
  });
});
