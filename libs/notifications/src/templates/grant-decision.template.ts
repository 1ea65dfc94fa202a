import { body, type EmailTemplate } from './email-template.js';

export interface GrantDecisionParams {
  applicantName: string;
  programName: string;
  /** e.g. CARE-2026-0007 */
  applicationCode: string;
  decision: 'APPROVED' | 'REJECTED' | 'CHANGES_REQUESTED' | 'CANCELLED';
  /** Formatted amount (¥120,000), for APPROVED. */
  amount?: string | null;
  comment?: string | null;
}

const JA: Record<GrantDecisionParams['decision'], string> = {
  APPROVED: '助成が決定しました',
  REJECTED: '今回は助成を見送ることになりました',
  CHANGES_REQUESTED: '申請内容の修正をお願いします',
  CANCELLED: '申請が取り消されました',
};
const EN: Record<GrantDecisionParams['decision'], string> = {
  APPROVED: 'Your grant has been approved',
  REJECTED: 'Your application was not approved this time',
  CHANGES_REQUESTED: 'Please revise your application',
  CANCELLED: 'Your application has been cancelled',
};

/** 助成申請の決定通知: the applicant is told each decision on their application. */
export const grantDecision: EmailTemplate<GrantDecisionParams> = {
  ja: (p) => ({
    subject: `【連帯 財団】${JA[p.decision]} (${p.applicationCode})`,
    text: body(
      'ja',
      `${p.applicantName} 様`,
      `「${p.programName}」へのご申請 (${p.applicationCode}) について、${JA[p.decision]}。`,
      ...(p.amount ? [`決定額: ${p.amount}`] : []),
      ...(p.comment ? [`担当者より: ${p.comment}`] : []),
      'ご不明な点は財団の助成担当までお問い合わせください。',
    ),
  }),
  en: (p) => ({
    subject: `[Rentai Foundation] ${EN[p.decision]} (${p.applicationCode})`,
    text: body(
      'en',
      `Dear ${p.applicantName},`,
      `About your application ${p.applicationCode} to "${p.programName}": ${EN[p.decision].toLowerCase()}.`,
      ...(p.amount ? [`Amount approved: ${p.amount}`] : []),
      ...(p.comment ? [`Note from the foundation: ${p.comment}`] : []),
      'Please contact the foundation’s grants team with any questions.',
    ),
  }),
};
