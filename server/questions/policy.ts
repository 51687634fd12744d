// The deadline policy in one place. The Reglement van Orde gives a minister three weeks to answer
// or send a delay notice; in practice the Kamer's weekly list counts six weeks after a notice
// (server/README.md, "Answer deadlines"). Both the TS rule and the SQL evaluation read these
// numbers.

export interface DeadlinePolicy {
  /** Days after submission the answer is due. */
  answerTermDays: number;
  /** Days after submission the answer is due once a delay notice came. */
  extendedTermDays: number;
  /** A set counts as due soon this many days (or fewer) before the due date that applies. */
  dueSoonDays: number;
}

export const DEFAULT_POLICY: Readonly<DeadlinePolicy> = Object.freeze({
  answerTermDays: 21,
  extendedTermDays: 42,
  dueSoonDays: 5,
});

function termText(days: number): string {
  if (days % 7 === 0) return days === 7 ? '1 week' : `${days / 7} weken`;
  return days === 1 ? '1 dag' : `${days} dagen`;
}

/** The applied rule in Dutch, for question pages and the API. */
export function policyText(policy: DeadlinePolicy = DEFAULT_POLICY): string {
  return (
    `Antwoordtermijn ${termText(policy.answerTermDays)} na indiening (Reglement van Orde); ` +
    `na een uitstelbericht ${termText(policy.extendedTermDays)}. ` +
    `Termijnen in kalenderdagen (Nederlandse tijd); 'bijna verlopen' vanaf ${termText(policy.dueSoonDays)} voor de termijn.`
  );
}
