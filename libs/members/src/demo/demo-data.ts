import { toRomaji } from 'wanakana';
import { corporateCheckDigit } from '../validation/corporate-number.js';
import { MemberStatus } from '../member.entity.js';
import { OrganizationSizeTier } from '../organization.entity.js';
import type { NewContact } from '../member-rows.js';
import { COOPERATIVE_NAMES, FAMILY_NAMES, GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE, LEGAL_FORMS } from './demo-names.js';
import { DEMO_BRANCHES, type DemoBranch } from './demo-places.js';
import { Random } from './prng.js';

export interface DemoPerson {
  branchCode: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  phone: string;
  postalCode: string;
  address: string;
  joinedOn: string;
  status: MemberStatus;
}

export interface DemoOrganization {
  branchCode: string;
  name: string;
  nameKana: string;
  corporateNumber: string;
  representativeName: string;
  representativeTitle: string;
  sizeTier: OrganizationSizeTier;
  email: string;
  phone: string;
  postalCode: string;
  address: string;
  joinedOn: string;
  contacts: NewContact[];
}

export interface DemoData {
  branches: readonly DemoBranch[];
  organizations: DemoOrganization[];
  /** In order of joining: member numbers follow it. */
  persons: DemoPerson[];
}

export const DEMO_SEED = 20_260_401;
const DOMAINS = ['example.jp', 'example.ne.jp', 'example.co.jp', 'example.com', 'example.or.jp'];
const STATUSES = [MemberStatus.ACTIVE, MemberStatus.LAPSED, MemberStatus.SUSPENDED, MemberStatus.WITHDRAWN];
const STATUS_WEIGHTS = [92, 4, 2, 2];
/** Common names are more common: weight ∝ 1 / rank^0.6. */
const FAMILY_WEIGHTS = FAMILY_NAMES.map((_, i) => 1 / (i + 1) ** 0.6);

const romajiCache = new Map<string, string>();
function romaji(kana: string): string {
  let r = romajiCache.get(kana);
  if (r === undefined) romajiCache.set(kana, (r = toRomaji(kana).replace(/[^a-z]/g, '')));
  return r;
}

function date(random: Random, fromYear: number, toYear: number): string {
  const y = random.int(fromYear, toYear);
  const m = random.int(1, 12);
  const d = random.int(1, [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function mobile(random: Random): string {
  return `0${random.pick(['90', '80', '70'])}-${random.int(1000, 9999)}-${random.int(1000, 9999)}`;
}

function address(random: Random, branch: DemoBranch): { postalCode: string; address: string } {
  const [town, postalCode] = random.pick(branch.towns);
  const building = random.float() < 0.3 ? ` ${random.pick(['コーポ', 'ハイツ', 'メゾン', 'レジデンス'])}${random.pick(['桜', '緑', '若葉', '青葉'])}${random.int(1, 9)}0${random.int(1, 9)}号` : '';
  return { postalCode, address: `${branch.prefecture}${town}${random.int(1, 5)}丁目${random.int(1, 30)}-${random.int(1, 20)}${building}` };
}

function person(random: Random): { familyName: string; givenName: string; familyNameKana: string; givenNameKana: string } {
  const [familyName, familyNameKana] = random.weighted(FAMILY_NAMES, FAMILY_WEIGHTS);
  const [givenName, givenNameKana] = random.pick(random.float() < 0.5 ? GIVEN_NAMES_MALE : GIVEN_NAMES_FEMALE);
  return { familyName, givenName, familyNameKana, givenNameKana };
}

/**
 * The demo federation: 17 branches, one worker cooperative per branch and 7,000 individual
 * members with realistic names (kanji with matching katakana), addresses in their branch's
 * prefecture, e-mail addresses under reserved example domains. Pure and deterministic:
 * the same seed gives the same data.
 */
export function generateDemoData(seed = DEMO_SEED, lastYear = 2025): DemoData {
  const random = new Random(seed);
  const emails = new Map<string, number>();
  const uniqueEmail = (local: string, domain: string) => {
    const n = (emails.get(local + domain) ?? 0) + 1;
    emails.set(local + domain, n);
    return `${local}${n > 1 ? n : ''}@${domain}`;
  };

  const organizations = DEMO_BRANCHES.map((branch, i): DemoOrganization => {
    const [name, kana] = COOPERATIVE_NAMES[i];
    const [form, formKana] = LEGAL_FORMS[i % LEGAL_FORMS.length];
    const base = String(random.int(0, 999_999_999_999)).padStart(12, '0');
    const representative = person(random);
    const contacts = Array.from({ length: random.int(1, 2) }, (_, c) => {
      const p = person(random);
      return {
        name: `${p.familyName} ${p.givenName}`,
        nameKana: `${p.familyNameKana} ${p.givenNameKana}`,
        title: c === 0 ? '事務局長' : '経理担当',
        email: uniqueEmail(`${romaji(p.familyNameKana)}.${romaji(p.givenNameKana)}`, `coop-${branch.code.toLowerCase()}.example.jp`),
        phone: branch.phone,
      };
    });
    return {
      branchCode: branch.code,
      name: `${form}${name}`,
      nameKana: `${formKana} ${kana}`,
      corporateNumber: `${corporateCheckDigit(base)}${base}`,
      representativeName: `${representative.familyName} ${representative.givenName}`,
      representativeTitle: form === '一般社団法人' ? '代表理事' : '理事長',
      sizeTier: random.pick([OrganizationSizeTier.SMALL, OrganizationSizeTier.SMALL, OrganizationSizeTier.MEDIUM, OrganizationSizeTier.LARGE]),
      email: `office@coop-${branch.code.toLowerCase()}.example.jp`,
      phone: branch.phone,
      ...address(random, branch),
      joinedOn: date(random, 1990, 2015),
      contacts,
    };
  });

  const persons: DemoPerson[] = [];
  for (const branch of DEMO_BRANCHES) {
    for (let i = 0; i < branch.members; i++) {
      const p = person(random);
      persons.push({
        branchCode: branch.code,
        ...p,
        email: uniqueEmail(`${romaji(p.givenNameKana)}.${romaji(p.familyNameKana)}`, random.pick(DOMAINS)),
        phone: mobile(random),
        ...address(random, branch),
        joinedOn: date(random, 1995, lastYear),
        status: random.weighted(STATUSES, STATUS_WEIGHTS),
      });
    }
  }
  // Member numbers are handed out in order of joining.
  const order = persons.map((p, i) => [p, i] as const).sort(([a, i], [b, j]) => (a.joinedOn < b.joinedOn ? -1 : a.joinedOn > b.joinedOn ? 1 : i - j));
  return { branches: DEMO_BRANCHES, organizations, persons: order.map(([p]) => p) };
}
