import { errorCatalogue } from '#core';

/**
 * The CLI's own refusals: what only a command line can get wrong (an option's word). Everything a
 * service decides is refused by that service's catalogue.
 */
export const CLI_REASONS = errorCatalogue({
  OPTION_NOT_ONE_OF: {
    code: 'BAD_USER_INPUT',
    ja: (allowed: readonly string[], given: string) => `${allowed.join(' か ')} を指定してください (${given} は使えません)`,
    en: (allowed: readonly string[], given: string) => `Must be ${allowed.join(' or ')}, not ${given}`,
  },
  /** A date option that is not a calendar date written YYYY-MM-DD (the words of #core's IsDateOnly). */
  OPTION_NOT_A_DATE: {
    code: 'BAD_USER_INPUT',
    ja: (given: string) => `日付は YYYY-MM-DD の形式で入力してください (例: 2026-04-01; ${given} は日付ではありません)`,
    en: (given: string) => `Must be a date written YYYY-MM-DD, e.g. 2026-04-01 (${given} is not)`,
  },
  /** The refusal of several options at once: each option's problem is listed under it. */
  OPTIONS_REFUSED: { code: 'BAD_USER_INPUT', ja: (n: number) => `${n} 件のオプションに問題があります`, en: (n: number) => `${n} options were refused` },
});

export const CliError = {
  /** `--by plan|branch` given something else: BAD_USER_INPUT on the option. */
  notOneOf: (option: string, allowed: readonly string[], given: string) => CLI_REASONS.OPTION_NOT_ONE_OF.input(option, allowed, given),
  /** A date option given something that is not a date: BAD_USER_INPUT on the option. */
  notADate: (option: string, given: string) => CLI_REASONS.OPTION_NOT_A_DATE.input(option, given),
};
