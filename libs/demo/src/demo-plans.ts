import { MemberKind } from '#members';
import { JoinerCharge, OrganizationSizeTier, PeriodMode, ShareKind, type CreateDuesPlanInput } from '#dues';

/**
 * The demo federation's dues plans (会費プラン): individuals pay a standard or a reduced rate, half
 * of it to the federation; cooperatives pay by size tier, a fixed share to the federation. A member
 * keeps their standing for a year after the paid periods end (会費を1年滞納すると資格を失う, as many
 * federations' articles say), so this year's unpaid members are in grace and last year's are lapsed.
 */
const common = {
  currency: 'JPY' as const,
  periodMode: PeriodMode.FISCAL_YEAR,
  fiscalYearStartMonth: 4,
  graceDays: 365,
  joinerCharge: JoinerCharge.REMAINING_MONTHS,
};

export const DEMO_PLANS: readonly CreateDuesPlanInput[] = [
  {
    ...common,
    code: 'IND-STD',
    nameJa: '個人会員 (一般)',
    nameEn: 'Individual (standard)',
    memberKind: MemberKind.PERSON,
    amount: 6000n,
    federationShareKind: ShareKind.BASIS_POINTS,
    federationShareValue: 5000n,
  },
  {
    ...common,
    code: 'IND-RED',
    nameJa: '個人会員 (減額: 学生・年金生活者)',
    nameEn: 'Individual (reduced: students, pensioners)',
    memberKind: MemberKind.PERSON,
    amount: 3000n,
    federationShareKind: ShareKind.BASIS_POINTS,
    federationShareValue: 5000n,
  },
  {
    ...common,
    code: 'ORG-S',
    nameJa: '団体会員 (小規模: 組合員10人未満)',
    nameEn: 'Organization (small: under 10 worker-members)',
    memberKind: MemberKind.ORGANIZATION,
    sizeTier: OrganizationSizeTier.SMALL,
    amount: 30000n,
    federationShareKind: ShareKind.FIXED,
    federationShareValue: 10000n,
  },
  {
    ...common,
    code: 'ORG-M',
    nameJa: '団体会員 (中規模: 組合員10〜49人)',
    nameEn: 'Organization (medium: 10–49 worker-members)',
    memberKind: MemberKind.ORGANIZATION,
    sizeTier: OrganizationSizeTier.MEDIUM,
    amount: 60000n,
    federationShareKind: ShareKind.FIXED,
    federationShareValue: 20000n,
  },
  {
    ...common,
    code: 'ORG-L',
    nameJa: '団体会員 (大規模: 組合員50人以上)',
    nameEn: 'Organization (large: 50 worker-members or more)',
    memberKind: MemberKind.ORGANIZATION,
    sizeTier: OrganizationSizeTier.LARGE,
    amount: 120000n,
    federationShareKind: ShareKind.FIXED,
    federationShareValue: 40000n,
  },
];

/** The plan code a member is on: by size tier for organizations; one individual in seven on the reduced rate. */
export function demoPlanCode(member: { sizeTier: OrganizationSizeTier | null }, reduced: boolean): string {
  if (member.sizeTier === OrganizationSizeTier.SMALL) return 'ORG-S';
  if (member.sizeTier === OrganizationSizeTier.MEDIUM) return 'ORG-M';
  if (member.sizeTier === OrganizationSizeTier.LARGE) return 'ORG-L';
  return reduced ? 'IND-RED' : 'IND-STD';
}
